// Word differences between two texts, for revisions, the restore offer and the merge view.
import { diffWordsWithSpace } from "diff";

/**
 * [{text, kind: "same" | "added" | "removed"}] from `before` to `after`. A run of changed
 * words is one removal and one addition, even where the two share the spaces between
 * words: "Đại biểu đến" → "Hội thảo kéo" reads as one phrase replaced, not six words
 * interleaved.
 */
export function wordDiff(before, after) {
  const parts = diffWordsWithSpace(before || "", after || "");
  const out = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) out.push({ text: removed, kind: "removed" });
    if (added) out.push({ text: added, kind: "added" });
    removed = added = "";
  };
  parts.forEach((part, index) => {
    const next = parts[index + 1];
    if (part.added) added += part.value;
    else if (part.removed) removed += part.value;
    else if ((removed || added) && /^\s+$/.test(part.value) && next && (next.added || next.removed)) {
      removed += part.value;
      added += part.value;
    } else {
      flush();
      out.push({ text: part.value, kind: "same" });
    }
  });
  flush();
  return out;
}
