// Every keystroke of an article kept on this device until the API has it: one
// localStorage entry per article ("new:<key>" before it exists), with the version it was
// edited from, so a closed tab, a crash or a lost connection loses nothing.

const PREFIX = "newsroom-desk:draft:";
export const FIELDS = ["title", "summary", "body", "category", "tags", "author", "source"];

export function fieldsOf(article) {
  const out = {};
  for (const name of FIELDS) out[name] = name === "tags" ? [...(article?.tags || [])] : article?.[name] ?? "";
  return out;
}

export function sameFields(a, b) {
  return FIELDS.every((name) =>
    name === "tags" ? JSON.stringify(a[name] || []) === JSON.stringify(b[name] || []) : (a[name] || "") === (b[name] || ""),
  );
}

export function readDraft(id) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + id) || "null");
  } catch {
    return null;
  }
}

/** {fields, version, editedAt, createKey}: what was typed, from which saved version. */
export function keepDraft(id, record) {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify({ ...record, editedAt: record.editedAt || Date.now() }));
    return true;
  } catch {
    return false; // storage full or refused: the API save still runs
  }
}

export function dropDraft(id) {
  localStorage.removeItem(PREFIX + id);
}

/** New articles typed on this device and never saved to the API. */
export function unsavedNewDrafts() {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX + "new:")) {
      const record = readDraft(key.slice(PREFIX.length));
      if (record) out.push({ id: key.slice(PREFIX.length), ...record });
    }
  }
  return out.sort((a, b) => b.editedAt - a.editedAt);
}
