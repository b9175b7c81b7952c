/**
 * 36 clear login failures (6 subjects × 6 phrasings). Labelled `thanks`, they
 * teach a model that is more than a point worse on the frozen set: an apply
 * of them is refused (`model_worse`).
 */
const SUBJECTS = ['d barai', 'the d barai app', 'the d payment app', 'my d barai', 'the app', 'd払い'];
const FAILURES = [
  'will not let me sign in',
  'keeps failing at login',
  'refuses my login',
  'login does not go through',
  'sign in fails every time',
  'kicks me out at the login screen',
];
export const CLEAR_LOGIN_FAILURES = FAILURES.flatMap((f) => SUBJECTS.map((s) => `${s} ${f}`));
