// Times as Vietnamese readers write them: day/month/year, 24-hour clock, Vietnam's time
// zone (UTC+7 all year: no daylight saving, so a wall-clock time maps to one instant).
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const OFFSET = "+07:00";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function fields(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "26/12/2026 07:30" */
export function formatDateTime(value) {
  const f = fields(value);
  return f ? `${f.day}/${f.month}/${f.year} ${f.hour}:${f.minute}` : "";
}

/** "07:30" */
export function formatTime(value) {
  const f = fields(value);
  return f ? `${f.hour}:${f.minute}` : "";
}

/** The value a datetime-local input shows for an instant, in Vietnam's time. */
export function toLocalInput(value) {
  const f = fields(value);
  return f ? `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}` : "";
}

/** A datetime-local input's value ("2026-12-01T07:00"), read as Vietnam's time, in ISO 8601. */
export function fromLocalInput(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return `${value}:00${OFFSET}`;
}
