import { ArrayMinSize, ArrayUnique, IsOptional, IsUrl, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ChangeKind } from '../syndication/article-change.entity';
import { HTTP_URL, MaxCharacters, rules } from '../validation';

export const URL_MAX = 2048;

export const UrlRules = () =>
  rules(
    MaxCharacters(URL_MAX, { message: `url must be at most ${URL_MAX} characters.` }),
    IsUrl(
      { ...HTTP_URL, disallow_auth: true },
      {
        message:
          'url must be an http:// or https:// address without a user or password, e.g. "https://partner.example.com/hooks/news".',
      },
    ),
  );

@InputType({ description: "A partner's webhook." })
export class RegisterWebhookInput {
  @Field(() => Int, { description: 'The partner API key it serves: its id in `npm run apikey -- list`.' })
  apiKeyId: number;

  @Field({ description: 'Where deliveries are POSTed: http:// or https://; redirects are not followed.' })
  @UrlRules()
  url: string;

  @Field(() => [ChangeKind], { nullable: true, description: 'The kinds of change to deliver; every kind by default.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'events must name at least one kind of change; leave it out for all of them.' })
  @ArrayUnique({ message: 'events must not name a kind twice.' })
  events?: ChangeKind[] | null;
}

@InputType({ description: 'Why an admin disables a webhook.' })
export class DisableWebhookInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Kept with the webhook for whoever looks next.' })
  @Matches(/\S/, { message: 'reason must not be empty; say why, e.g. "partner asked to pause".' })
  @MaxCharacters(400, { message: 'reason must be at most 400 characters.' })
  reason: string;
}
