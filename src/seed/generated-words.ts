/**
 * The words of generated bodies, apart from the generator (generated-content.ts), which imports the
 * entities: the benchmark names its search terms from these before it may load the entities.
 */

/** Bumped whenever the same options would generate other content (the benchmark then makes its data set again). */
export const GENERATOR_VERSION = 3;

/** Words every generated article has many of. */
export const WORDS =
  'analysis government protest region energy price election report sources officials minister economy border security media agency court reform crisis public'.split(
    ' ',
  );

/**
 * Made-up words of three syllables (4,096), picked for every fourth word of a body with a skew to
 * the first ones: a long tail as in real text, where a searched word is in a few articles or in
 * many, not in all of them as the common words are.
 */
const SYLLABLES = 'ka zu mer tol vin dra sel pon rai gus lem tor bai nis cor fal'.split(' ');
export const RARE_WORDS = SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => `${a}${b}${c}`)));
