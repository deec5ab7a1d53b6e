//! Hours that are not about one person (docs/domain.md §5): team meetings, committees, trainings
//! received, representation, action days, volunteer hours. Each category belongs to a service
//! area, so the report prints per area the "hours invested" tables and their total, as the
//! seed report does (2023-2024: internal management 3,475 h 30; direct help 2,488 h;
//! prevention 779 h 15; representation 479 h 30; activism 400 h 45). Hours are whole minutes.

use serde::{Deserialize, Serialize};

/// The service areas hours are reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursArea {
    InternalManagement,
    DirectHelp,
    Prevention,
    Representation,
    Exploitation,
    Activism,
}

impl HoursArea {
    pub const ALL: [HoursArea; 6] = [
        HoursArea::InternalManagement,
        HoursArea::DirectHelp,
        HoursArea::Prevention,
        HoursArea::Representation,
        HoursArea::Exploitation,
        HoursArea::Activism,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HoursArea::InternalManagement => "internal_management",
            HoursArea::DirectHelp => "direct_help",
            HoursArea::Prevention => "prevention",
            HoursArea::Representation => "representation",
            HoursArea::Exploitation => "exploitation",
            HoursArea::Activism => "activism",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The categories Havre ships, in the words of the seed report's "En résumé" tables.
    pub fn default_categories(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            HoursArea::InternalManagement => &[
                ("team_meetings", "Rencontres d'équipe", "Team meetings"),
                (
                    "internal_committees",
                    "Comités internes",
                    "Internal committees",
                ),
                // The board's meetings and the general meeting are recorded on the governance
                // page (`Recorded::BoardMeetings`, `Recorded::AnnualMeeting`), not here.
                ("statistics", "Compilation statistique", "Statistics"),
                ("grants", "Demandes de subvention", "Grant applications"),
                ("hiring", "Processus d'embauche", "Hiring"),
                (
                    "human_resources",
                    "Gestion des ressources humaines",
                    "Human resources",
                ),
                ("computers", "Gestion informatique", "Computers"),
                ("premises", "Ménage et aménagement des locaux", "Premises"),
                ("planning", "Planification annuelle", "Annual planning"),
                (
                    "internal_tasks",
                    "Tâches en gestion interne",
                    "Internal management tasks",
                ),
            ],
            HoursArea::DirectHelp => &[
                (
                    "group_supervision",
                    "Supervisions de groupe",
                    "Group clinical supervision",
                ),
                (
                    "individual_supervision",
                    "Supervisions individuelles",
                    "Individual clinical supervision",
                ),
                (
                    "intervention_meetings",
                    "Rencontres d'intervention",
                    "Intervention meetings",
                ),
            ],
            HoursArea::Prevention => &[
                (
                    "requests_planning",
                    "Organisation et planification des demandes",
                    "Organizing and planning requests",
                ),
                (
                    "program_tasks",
                    "Tâches des programmes (hors animation)",
                    "Program tasks (besides facilitation)",
                ),
                ("supervision", "Encadrement", "Supervision"),
                ("social_media", "Réseaux sociaux", "Social media"),
            ],
            HoursArea::Representation => &[
                ("network", "Regroupement provincial", "Provincial network"),
                ("tables", "Tables de concertation", "Concertation tables"),
                ("committees", "Comités régionaux", "Regional committees"),
                ("partners", "Rencontres de partenaires", "Partner meetings"),
            ],
            HoursArea::Exploitation => &[
                (
                    "exploitation_tasks",
                    "Tâches du volet exploitation sexuelle",
                    "Exploitation track tasks",
                ),
                (
                    "survivors_project",
                    "Projet de pairs aidantes",
                    "Peer support project",
                ),
            ],
            HoursArea::Activism => &[
                ("action_days", "Journées d'action", "Action days"),
                (
                    "fundraising",
                    "Événements de financement",
                    "Fundraising events",
                ),
                ("activist_hours", "Heures militantes", "Activist hours"),
            ],
        }
    }
}

/// Hours the records themselves carry (docs/hours.md): each flows into its service area on its
/// own, with the time around the activity (preparation, debrief, travel), and the timesheet
/// never takes them, so that nothing is counted twice. Each is a category of its area, shown
/// beside the timesheet's, that no one logs hours on.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Recorded {
    /// First meetings, emergency meetings, follow-ups, support to relatives, the text line.
    IndividualMeetings,
    /// Closed groups: facilitation, preparation, the information meeting, check-ins.
    Groups,
    /// Open drop-ins of direct help, with their preparation.
    Dropins,
    /// Accompaniments and rights: compensation, court, rights, medical.
    Accompaniments,
    /// The meetings that follow a designated centre's referral.
    DesignatedCentre,
    /// Follow-ups and peer dialogues of the exploitation track.
    ExploitationMeetings,
    /// Drop-ins of the exploitation track.
    ExploitationDropins,
    /// Animations of the exploitation track's programs.
    ExploitationAnimations,
    /// Animations in schools and elsewhere: facilitation, travel, preparation.
    Animations,
    /// Trainings given to school staff and other professionals.
    TrainingsGiven,
    /// Trainings the team received: their length for each worker who attended.
    TrainingsReceived,
    /// Board (collective) meetings: preparation, length × the workers present, the minutes.
    BoardMeetings,
    /// The annual general meeting: preparation, the report, presence.
    AnnualMeeting,
    /// The length of board meetings for each activist or board member present (volunteers).
    ActivistBoardHours,
}

impl Recorded {
    pub const ALL: [Recorded; 14] = [
        Recorded::IndividualMeetings,
        Recorded::Groups,
        Recorded::Dropins,
        Recorded::Accompaniments,
        Recorded::DesignatedCentre,
        Recorded::ExploitationMeetings,
        Recorded::ExploitationDropins,
        Recorded::ExploitationAnimations,
        Recorded::Animations,
        Recorded::TrainingsGiven,
        Recorded::TrainingsReceived,
        Recorded::BoardMeetings,
        Recorded::AnnualMeeting,
        Recorded::ActivistBoardHours,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Recorded::IndividualMeetings => "individual_meetings",
            Recorded::Groups => "groups",
            Recorded::Dropins => "dropins",
            Recorded::Accompaniments => "accompaniments",
            Recorded::DesignatedCentre => "designated_centre",
            Recorded::ExploitationMeetings => "exploitation_meetings",
            Recorded::ExploitationDropins => "exploitation_dropins",
            Recorded::ExploitationAnimations => "exploitation_animations",
            Recorded::Animations => "animations",
            Recorded::TrainingsGiven => "trainings_given",
            Recorded::TrainingsReceived => "trainings_received",
            Recorded::BoardMeetings => "board_meetings",
            Recorded::AnnualMeeting => "annual_meeting",
            Recorded::ActivistBoardHours => "activist_board_hours",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The service area its hours belong to.
    pub fn area(self) -> HoursArea {
        match self {
            Recorded::IndividualMeetings
            | Recorded::Groups
            | Recorded::Dropins
            | Recorded::Accompaniments
            | Recorded::DesignatedCentre => HoursArea::DirectHelp,
            Recorded::ExploitationMeetings
            | Recorded::ExploitationDropins
            | Recorded::ExploitationAnimations => HoursArea::Exploitation,
            Recorded::Animations | Recorded::TrainingsGiven => HoursArea::Prevention,
            Recorded::TrainingsReceived | Recorded::BoardMeetings | Recorded::AnnualMeeting => {
                HoursArea::InternalManagement
            }
            Recorded::ActivistBoardHours => HoursArea::Activism,
        }
    }

    /// Its name as the organization's category, in the seed report's words.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Recorded::IndividualMeetings => (
                "Interventions individuelles (premières rencontres, urgences, suivis, entourage)",
                "Individual meetings (first meetings, emergencies, follow-ups, relatives)",
            ),
            Recorded::Groups => (
                "Interventions de groupe (groupes de cheminement)",
                "Group work (closed groups)",
            ),
            Recorded::Dropins => ("Cafés-rencontres", "Drop-ins"),
            Recorded::Accompaniments => (
                "Accompagnements et défense de droits (judiciaire, IVAC, autres)",
                "Accompaniments and rights (court, compensation, other)",
            ),
            Recorded::DesignatedCentre => (
                "Accompagnements trousses médicolégales",
                "Designated-centre referrals",
            ),
            Recorded::ExploitationMeetings => (
                "Suivis et dialogues du volet exploitation sexuelle",
                "Exploitation track follow-ups and dialogues",
            ),
            Recorded::ExploitationDropins => (
                "Cafés-rencontres du volet exploitation sexuelle",
                "Exploitation track drop-ins",
            ),
            Recorded::ExploitationAnimations => (
                "Sensibilisation du volet exploitation sexuelle (animation, préparation, déplacement)",
                "Exploitation track awareness (facilitation, preparation, travel)",
            ),
            Recorded::Animations => (
                "Animations (animation, préparation, déplacement)",
                "Animations (facilitation, preparation, travel)",
            ),
            Recorded::TrainingsGiven => ("Formations données", "Trainings given"),
            Recorded::TrainingsReceived => (
                "Formations, conférences, colloques, webinaires reçus",
                "Trainings, conferences and webinars received",
            ),
            Recorded::BoardMeetings => (
                "Rencontres de collective (présence, préparation et procès-verbaux)",
                "Board meetings (presence, preparation and minutes)",
            ),
            Recorded::AnnualMeeting => (
                "Rédaction des rapports, organisation et participation à l'Assemblée générale annuelle",
                "Reports, organization of and attendance at the annual general meeting",
            ),
            Recorded::ActivistBoardHours => (
                "Rencontres de collective (militantes présentes)",
                "Board meetings (activists present)",
            ),
        }
    }
}

/// The most hours one length may say.
const MAX_HOURS: i64 = 10_000;

/// Minutes in a day: one person's entries of one day may not add up to more.
pub const DAY_MINUTES: i64 = 24 * 60;

/// Whether a day's entries fit in it: each entry from 1 minute, all together at most 24 h.
pub fn day_fits(entries: &[i64]) -> bool {
    entries.iter().all(|m| *m > 0)
        && entries.iter().fold(0i64, |sum, m| sum.saturating_add(*m)) <= DAY_MINUTES
}

/// Hours typed in a form's field, read as `parse_duration` reads them; empty is none where the
/// field is `optional`, and otherwise, as is a length that does not read, a problem at `field`.
pub fn typed_hours(
    text: &str,
    field: &'static str,
    optional: bool,
    problems: &mut Vec<crate::validation::FieldError>,
) -> i64 {
    if text.trim().is_empty() && optional {
        return 0;
    }
    parse_duration(text).unwrap_or_else(|| {
        problems.push(crate::validation::FieldError::new(field, "hours-invalid"));
        0
    })
}

/// Reads hours as people type them: "3", "3,5", "3.25" (hours), "3 h 30", "3h30", "0 h 45",
/// "45 min". None for anything else, or for nothing at all.
pub fn parse_duration(text: &str) -> Option<i64> {
    // Spaces of any kind: "3 h 30" may come back with the narrow spaces Havre writes.
    let t: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return None;
    }
    if let Some(m) = t.strip_suffix("min") {
        return m
            .parse::<i64>()
            .ok()
            .filter(|m| (0..=MAX_HOURS * 60).contains(m));
    }
    if let Some((h, m)) = t.split_once('h') {
        if h.is_empty() && m.is_empty() {
            return None;
        }
        let hours = if h.is_empty() {
            0
        } else {
            h.parse::<i64>().ok()?
        };
        let minutes = if m.is_empty() {
            0
        } else {
            m.parse::<i64>().ok()?
        };
        // Nobody logs more than 10,000 hours at once: larger is a typing error.
        return ((0..=MAX_HOURS).contains(&hours) && (0..60).contains(&minutes))
            .then_some(hours * 60 + minutes);
    }
    let decimal = t.replace(',', ".");
    let (whole, frac) = decimal.split_once('.').unwrap_or((&decimal, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let hours = if whole.is_empty() {
        0
    } else {
        whole.parse::<i64>().ok()?
    };
    if !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !(0..=MAX_HOURS).contains(&hours)
    {
        return None;
    }
    // Hundredths of an hour, rounded to the minute: 3.25 h = 3 h 15.
    let hundredths = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    Some(hours * 60 + (hundredths * 60 + 50) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_as_people_type_them() {
        assert_eq!(parse_duration("3"), Some(180));
        assert_eq!(parse_duration("3,5"), Some(210));
        assert_eq!(parse_duration("3.25"), Some(195));
        assert_eq!(parse_duration("3 h 30"), Some(210));
        assert_eq!(parse_duration("3h30"), Some(210));
        assert_eq!(parse_duration("0 h 45"), Some(45));
        assert_eq!(parse_duration("45 min"), Some(45));
        assert_eq!(parse_duration("2h"), Some(120));
        assert_eq!(parse_duration("1\u{202F}378 h 30"), Some(1378 * 60 + 30));
        for bad in [
            "",
            "abc",
            "3 h 75",
            "-2",
            "1.234",
            "h",
            "307445734561825861",
            "99999999 min",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_day_holds_at_most_24_hours() {
        assert!(day_fits(&[480, 600, 360]));
        assert!(!day_fits(&[480, 600, 361]));
        assert!(!day_fits(&[0]));
        assert!(day_fits(&[]));
        assert!(!day_fits(&[i64::MAX, i64::MAX]), "no overflow");
    }

    #[test]
    fn every_area_ships_categories_with_unique_keys() {
        let mut keys: Vec<&str> = HoursArea::ALL
            .iter()
            .flat_map(|a| a.default_categories().iter().map(|c| c.0))
            .chain(Recorded::ALL.iter().map(|r| r.key()))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for a in HoursArea::ALL {
            assert!(!a.default_categories().is_empty());
            assert_eq!(HoursArea::parse(a.key()), Some(a));
        }
        for r in Recorded::ALL {
            assert_eq!(Recorded::parse(r.key()), Some(r));
        }
    }
}
