// What went wrong, in the person's words: the API's problem detail (already Vietnamese),
// else a sentence of our own.
import { t } from "../core/i18n.js";

export function problemText(error) {
  if (!error) return "";
  if (error.status === 0) return t.problems.network;
  if (error.problem?.detail) return error.problem.detail;
  if (error.status === 403) return t.problems.forbidden;
  return t.problems.generic;
}
