// Reads one iCalendar file from stdin and prints, as JSON, what a strict calendar program sees in it: parsed by
// Mozilla's ical.js (the parser of Thunderbird), which throws on a malformed content line, with every time zone the
// file defines registered first, so each event's start and end are turned into UTC by the file's own VTIMEZONE rules
// (an event whose zone has no rules cannot be placed and fails here). "violations" lists each RFC 5545 rule broken.
// Run with TZ=UTC so a floating time could never pass for a zoned one.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(0, 'utf8');
const violations = [];

// 3.1: content lines end with CRLF and are folded at 75 octets (a fold never splits a UTF-8 character: the
// decoder would show U+FFFD).
if (!text.endsWith('\r\n')) violations.push('the file does not end with CRLF');
text.split('\r\n').forEach((line, i) => {
  if (line.includes('\n')) violations.push(`line ${i + 1} has a bare LF`);
  const octets = Buffer.byteLength(line, 'utf8');
  if (octets > 75) violations.push(`line ${i + 1} is ${octets} octets long (more than 75)`);
  if (line.includes('\uFFFD')) violations.push(`line ${i + 1} holds an invalid UTF-8 sequence`);
});

let root;
try {
  root = new ICAL.Component(ICAL.parse(text));
} catch (e) {
  console.log(JSON.stringify({ violations: [...violations, `ical.js cannot parse the file: ${e.message}`] }));
  process.exit(0);
}

const required = (component, names, where) => {
  for (const name of names)
    if (!component.hasProperty(name)) violations.push(`${where} has no ${name.toUpperCase()}`);
};
if (root.name !== 'vcalendar') violations.push(`the file is a ${root.name}, not a VCALENDAR`);
required(root, ['prodid', 'version'], 'VCALENDAR');

const timezones = root.getAllSubcomponents('vtimezone').map(vtimezone => {
  const tzid = vtimezone.getFirstPropertyValue('tzid');
  // 3.6.5: a VTIMEZONE has at least one STANDARD or DAYLIGHT, each with DTSTART, TZOFFSETFROM and TZOFFSETTO.
  const rules = vtimezone.getAllSubcomponents().filter(c => c.name === 'standard' || c.name === 'daylight');
  if (rules.length === 0) violations.push(`VTIMEZONE ${tzid} has no STANDARD or DAYLIGHT`);
  for (const rule of rules) required(rule, ['dtstart', 'tzoffsetfrom', 'tzoffsetto'], `${rule.name.toUpperCase()} of ${tzid}`);
  ICAL.TimezoneService.register(vtimezone);
  return {
    tzid,
    rules: rules.map(rule => ({
      kind: rule.name.toUpperCase(),
      offsetFrom: rule.getFirstPropertyValue('tzoffsetfrom')?.toString(),
      offsetTo: rule.getFirstPropertyValue('tzoffsetto')?.toString(),
      rrule: rule.getFirstPropertyValue('rrule')?.toString() ?? null,
    })),
  };
});

const time = (vevent, name) => {
  const property = vevent.getFirstProperty(name);
  if (!property) return null;
  const tzid = property.getParameter('tzid') ?? null;
  if (tzid && !ICAL.TimezoneService.has(tzid)) violations.push(`${name.toUpperCase()} names TZID ${tzid}, which the file does not define`);
  const value = property.getFirstValue();
  return { local: value.toString(), tzid, utc: new Date(value.toUnixTime() * 1000).toISOString() };
};

const events = root.getAllSubcomponents('vevent').map(vevent => {
  required(vevent, ['uid', 'dtstamp', 'dtstart'], 'VEVENT');
  return {
    uid: vevent.getFirstPropertyValue('uid'),
    summary: vevent.getFirstPropertyValue('summary'),
    description: vevent.getFirstPropertyValue('description'),
    location: vevent.getFirstPropertyValue('location'),
    status: vevent.getFirstPropertyValue('status'),
    sequence: vevent.getFirstPropertyValue('sequence'),
    start: time(vevent, 'dtstart'),
    end: time(vevent, 'dtend'),
  };
});

console.log(JSON.stringify({
  name: root.getFirstPropertyValue('x-wr-calname'),
  method: root.getFirstPropertyValue('method'),
  timezones,
  events,
  violations,
}));
