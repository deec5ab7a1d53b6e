//! The organization's clock (docs/time.md): every instant is stored in UTC; it is
//! shown, and grouped into days, weeks, months and reporting years, in the organization's own
//! IANA time zone (America/Montreal by default), never the server's. A meeting at 23:30 on
//! March 31 in Montréal belongs to March 31 and to the reporting year that ends that day,
//! whatever clock the server runs on, on both sides of a change of daylight-saving time.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An organization's time zone, by its IANA name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone(Tz::America__Montreal)
    }
}

impl Zone {
    /// The zone of a new organization: Québec's.
    pub const DEFAULT_NAME: &'static str = "America/Montreal";

    /// The zone of an IANA name ("America/Montreal", "Europe/Paris"), exactly as the time-zone
    /// database spells it; None for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(Zone)
    }

    /// Every name of the time-zone database, for a field that suggests them.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// The zone's IANA name, as stored.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The zone for chrono's conversions.
    pub fn tz(self) -> Tz {
        self.0
    }

    /// An instant on the organization's clock.
    pub fn local(self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.0)
    }

    /// The organization's day that holds an instant.
    pub fn day_of(self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// The instant of a wall-clock time on the organization's clock. When the clock falls back
    /// and the time happens twice, the first; when it springs forward and the time does not
    /// exist, the same time read with the offset before the change (02:30 becomes 03:30), as
    /// a person who forgot to move her watch would mean.
    pub fn instant(self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        if let Some(at) = self.0.from_local_datetime(&wall).earliest() {
            return Some(at.with_timezone(&Utc));
        }
        // Inside a gap: the offset in force a day before it (no zone changes its clock twice
        // within a day and a half).
        let a_day_before = wall.checked_sub_signed(chrono::TimeDelta::days(1))?;
        let offset = self.0.offset_from_utc_datetime(&a_day_before).fix();
        let utc = wall.checked_sub_signed(chrono::TimeDelta::seconds(i64::from(
            offset.local_minus_utc(),
        )))?;
        Some(Utc.from_utc_datetime(&utc))
    }

    /// The first instant of a day on the organization's clock (its midnight, or the first
    /// minute that exists where a change of time skips midnight).
    pub fn start_of(self, day: NaiveDate) -> Option<DateTime<Utc>> {
        self.instant(day.and_time(NaiveTime::MIN))
    }

    /// The instants a span of days covers: from the first day's start to the start of the day
    /// after the last. None when a day is out of the calendar's range.
    pub fn day_span(
        self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        Some((self.start_of(first)?, self.start_of(last.succ_opt()?)?))
    }

    /// A date and an hour typed in a form (2024-03-31, 13:30) on the organization's clock;
    /// None when either is missing or malformed.
    pub fn parse_local(self, date: &str, time: &str) -> Option<DateTime<Utc>> {
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
        let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
        self.instant(date.and_time(time))
    }

    /// An instant as users write it, on the organization's clock: 2024-03-31 13 h 30.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        self.local(at).format("%Y-%m-%d %H h %M").to_string()
    }

    /// The day of an instant as a form shows it (2024-03-31).
    pub fn date(self, at: DateTime<Utc>) -> String {
        self.day_of(at).format("%Y-%m-%d").to_string()
    }

    /// The hour of an instant as a form shows it (13:30).
    pub fn time(self, at: DateTime<Utc>) -> String {
        self.local(at).format("%H:%M").to_string()
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Zone::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown time zone: {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_late_meeting_on_march_31_stays_on_march_31_in_montreal() {
        let zone = Zone::default();
        // 23:30 EDT on 2024-03-31 is 03:30 UTC on April 1.
        let at = zone.parse_local("2024-03-31", "23:30").unwrap();
        assert_eq!(at, utc("2024-04-01T03:30:00Z"));
        assert_eq!(zone.day_of(at), day(2024, 3, 31));
        let (from, to) = zone.day_span(day(2023, 4, 1), day(2024, 3, 31)).unwrap();
        assert!(from <= at && at < to, "in the reporting year 2023-2024");
        assert_eq!(from, utc("2023-04-01T04:00:00Z"));
        assert_eq!(to, utc("2024-04-01T04:00:00Z"));
        assert_eq!(zone.date_time(at), "2024-03-31 23 h 30");
    }

    #[test]
    fn days_around_the_changes_of_time_have_their_true_length() {
        let zone = Zone::default();
        // March 10, 2024: 02:00 EST became 03:00 EDT; the day lasts 23 hours.
        let (from, to) = zone.day_span(day(2024, 3, 10), day(2024, 3, 10)).unwrap();
        assert_eq!((to - from).num_hours(), 23);
        // November 3, 2024: 02:00 EDT became 01:00 EST; the day lasts 25 hours.
        let (from, to) = zone.day_span(day(2024, 11, 3), day(2024, 11, 3)).unwrap();
        assert_eq!((to - from).num_hours(), 25);
        // Times on either side are shown with the offset in force that day, not today's.
        assert_eq!(
            zone.date_time(utc("2024-03-10T06:59:00Z")),
            "2024-03-10 01 h 59"
        );
        assert_eq!(
            zone.date_time(utc("2024-03-10T07:00:00Z")),
            "2024-03-10 03 h 00"
        );
        assert_eq!(
            zone.date_time(utc("2024-07-01T16:00:00Z")),
            "2024-07-01 12 h 00"
        );
        assert_eq!(
            zone.date_time(utc("2024-12-01T17:00:00Z")),
            "2024-12-01 12 h 00"
        );
    }

    #[test]
    fn a_time_that_happens_twice_or_never_is_read_as_a_person_means_it() {
        let zone = Zone::default();
        // 01:30 on November 3, 2024 happens twice: the first (EDT) is taken.
        assert_eq!(
            zone.parse_local("2024-11-03", "01:30").unwrap(),
            utc("2024-11-03T05:30:00Z")
        );
        // 02:30 on March 10, 2024 never happens: read with the offset before the change.
        let skipped = zone.parse_local("2024-03-10", "02:30").unwrap();
        assert_eq!(skipped, utc("2024-03-10T07:30:00Z"));
        assert_eq!(zone.date_time(skipped), "2024-03-10 03 h 30");
    }

    #[test]
    fn another_zone_groups_the_same_instant_into_its_own_day() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let at = utc("2024-03-31T22:30:00Z");
        assert_eq!(paris.day_of(at), day(2024, 4, 1));
        assert_eq!(Zone::default().day_of(at), day(2024, 3, 31));
    }

    #[test]
    fn only_names_of_the_time_zone_database_are_zones() {
        assert_eq!(Zone::parse("America/Montreal"), Some(Zone::default()));
        assert_eq!(Zone::default().name(), Zone::DEFAULT_NAME);
        assert!(Zone::parse("America/Toronto").is_some());
        assert!(Zone::parse("Eastern").is_none());
        assert!(Zone::parse("UTC-5").is_none());
        assert!(Zone::parse("").is_none());
        let json = serde_json::to_string(&Zone::default()).unwrap();
        assert_eq!(json, "\"America/Montreal\"");
        assert!(serde_json::from_str::<Zone>("\"Mars/Olympus\"").is_err());
    }
}
