// Word differences between two texts, for revisions and the merge view.
import { diffWordsWithSpace } from "diff";

/** [{text, kind: "same" | "added" | "removed"}] from `before` to `after`. */
export function wordDiff(before, after) {
  return diffWordsWithSpace(before || "", after || "").map((part) => ({
    text: part.value,
    kind: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}
