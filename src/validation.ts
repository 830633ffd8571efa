import { ValidateBy, ValidateIf, ValidationError, ValidationOptions, validateSync } from 'class-validator';
import { badInput } from './errors';

/**
 * Runs the class-validator rules declared on an input object; the first broken rule becomes a
 * BAD_USER_INPUT error naming the field (`input.slug`). Called by each mutation on its own input,
 * rather than by type-graphql for every argument of every request (schema.ts keeps that off).
 */
export function checkInput(input: object, path: string): void {
  const [first] = validateSync(input, { forbidUnknownValues: false, stopAtFirstError: true });
  if (first) throw badInput(...describe(first, path));
}

function describe(error: ValidationError, path: string): [string, string] {
  const field = `${path}.${error.property}`;
  if (error.children?.length) return describe(error.children[0], field);
  const messages = Object.values(error.constraints ?? {});
  return [field, messages[0] ?? `${field} is not valid.`];
}

/**
 * For fields of an update input: left out means "keep", so rules apply only when the field is
 * present. Unlike IsOptional, null is checked too, so `title: null` is refused rather than ignored.
 */
export const IfGiven = () => ValidateIf((_object, value) => value !== undefined);

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const slugMessage = (what: string) =>
  `${what} must be lowercase letters and digits in words joined by single hyphens, e.g. "kazakhstan-fuel-protests".`;

/** class-validator rule options for http(s) URLs with a host. */
export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/**
 * In an update, a left-out field keeps its value. For a field that cannot be empty, null has no
 * meaning of its own, so it is refused with a hint instead of being guessed at.
 */
export function rejectNulls(input: object, fields: readonly string[], path: string): void {
  for (const field of fields) {
    if ((input as Record<string, unknown>)[field] === null) {
      const hint = field.endsWith('Ids') ? ', or pass [] to empty the list' : '';
      throw badInput(`${path}.${field}`, `${field} cannot be null; leave it out to keep the current value${hint}.`);
    }
  }
}

/** Several property decorators as one, so a field's rules are written once for create and update. */
export const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/**
 * At most `max` characters as the databases count them: Unicode code points. class-validator's
 * MaxLength leaves variation selectors (U+FE0F) out of its count, so a title it passed could still
 * overflow a PostgreSQL varchar and fail as an internal error.
 */
export const MaxCharacters = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxCharacters',
      constraints: [max],
      validator: { validate: (value) => typeof value !== 'string' || [...value].length <= max },
    },
    options,
  );

/**
 * At most `max` bytes of UTF-8. class-validator's IsByteLength measures with encodeURI, which throws
 * on a lone surrogate; Buffer counts one as the replacement character the database will store.
 */
export const MaxBytes = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxBytes',
      constraints: [max],
      validator: { validate: (value) => typeof value !== 'string' || Buffer.byteLength(value, 'utf8') <= max },
    },
    options,
  );
