// The interface's words. Every string the desk shows lives in one file per language
// (strings/vi.js); a translation is one more file with the same keys, listed here.
import vi from "../strings/vi.js";

const LANGUAGES = { vi };

export const language = "vi";
export const t = LANGUAGES[language];
