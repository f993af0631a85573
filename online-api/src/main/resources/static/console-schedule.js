'use strict';
// Plain words for the owner's cron (Spring's six fields: second minute hour day-of-month month day-of-week).
// Only the shapes a nightly schedule takes get words; anything else says so rather than guessing.

const DAY_NAMES = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday',
  0: 'Sunday', 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };
const CRON_MACROS = { '@daily': '0 0 0 * * *', '@midnight': '0 0 0 * * *', '@hourly': '0 0 * * * *', '@weekly': '0 0 0 * * SUN' };

function describeCron(text) {
  const cron = CRON_MACROS[String(text || '').trim().toLowerCase()] || String(text || '').trim();
  const fields = cron.split(/\s+/);
  if (fields.length !== 6) return 'not a cron of six fields (second minute hour day month weekday)';
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const whole = value => /^\d{1,2}$/.test(value);
  if (!whole(second) || !whole(minute) || month !== '*') return 'a custom schedule: the next run below shows when it fires';
  const at = whole(hour) ? `at ${hour.padStart(2, '0')}:${minute.padStart(2, '0')}` : hour === '*' ? `every hour at minute ${minute}` : null;
  if (at === null) return 'a custom schedule: the next run below shows when it fires';
  if (dayOfMonth === '*' && (dayOfWeek === '*' || dayOfWeek === '?')) return `every day ${at}`;
  if ((dayOfMonth === '*' || dayOfMonth === '?') && dayOfWeek !== '*') {
    const days = weekdays(dayOfWeek.toUpperCase());
    if (days) return `${days} ${at}`;
  }
  if (whole(dayOfMonth) && (dayOfWeek === '*' || dayOfWeek === '?')) return `on day ${dayOfMonth} of every month ${at}`;
  return 'a custom schedule: the next run below shows when it fires';
}

function weekdays(field) {
  const range = field.match(/^(\w{1,3})-(\w{1,3})$/);
  if (range && DAY_NAMES[range[1]] && DAY_NAMES[range[2]]) return `${DAY_NAMES[range[1]]} to ${DAY_NAMES[range[2]]}`;
  const list = field.split(',');
  if (list.every(day => DAY_NAMES[day])) {
    const names = list.map(day => DAY_NAMES[day]);
    return 'every ' + (names.length === 1 ? names[0] : names.slice(0, -1).join(', ') + ' and ' + names.at(-1));
  }
  return null;
}
