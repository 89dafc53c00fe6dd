// Display formats for the API's timestamps and calendar days, the same in every app.
/** "Mar 4, 2026, 9:05 AM" in the reader's locale and timezone, for a timestamp. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/**
 * "Mar 4, 2026" for a calendar day (YYYY-MM-DD). Formatted in UTC so the day
 * never shifts through the reader's timezone.
 */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number)
  if (!year || !month || !date) return day
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    dateStyle: 'medium',
  })
}
