import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../article/article.entity';
import { ImportFormat } from './import';

registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'TEXT: a page as plain text; HTML: the page as served; NINJS: an IPTC ninjs JSON document.',
});

export enum ImportAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportAction, { name: 'ImportAction' });

export enum ImportIssueKind {
  SOURCE = 'SOURCE',
  REGION = 'REGION',
  PHOTO_CREDIT = 'PHOTO_CREDIT',
}
registerEnumType(ImportIssueKind, { name: 'ImportIssueKind' });

@ObjectType({ description: 'A record an import created or linked.' })
export class ImportedRecord {
  @Field({ description: 'Article, Source, Photo or Region.' }) type: string;
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'How it was found, e.g. the citing words.' })
  note: string | null;
}

@ObjectType({ description: 'Something the page names that was not linked: an editor decides.' })
export class ImportIssue {
  @Field(() => ImportIssueKind) kind: ImportIssueKind;
  @Field({ description: 'The words on the page.' }) text: string;
  @Field() reason: string;
}

@ObjectType({ description: 'What one import did.' })
export class ImportReport {
  @Field(() => Article) article: Article;
  @Field(() => ImportAction, { description: 'UNCHANGED when the page was imported before and nothing differs.' })
  action: ImportAction;
  @Field({ description: 'The BCP 47 language recorded on the article.' }) language: string;
  @Field(() => [ImportedRecord]) created: ImportedRecord[];
  @Field(() => [ImportedRecord]) linked: ImportedRecord[];
  @Field(() => [ImportIssue]) unresolved: ImportIssue[];
  @Field(() => [String], { description: 'What an editor should check, e.g. a paragraph cut mid-sentence.' })
  flagged: string[];
  @Field(() => Int, { description: "Lines left out as the site's chrome (banners, promotions, footers)." })
  boilerplateLines: number;
}
