//! The closed lists of a help request's statistical profile (docs/domain.md §3), and the values
//! Havre ships with them. Each organization gets its own copy, which it may extend, rename
//! and retire; requests keep pointing at the values they were recorded with.
//!
//! Where the seed report prints a list (relation to the aggressors, 2023-2024: 20, 5, 1, 8,
//! 15, 42, 43, 35) its labels are used as printed. The text copy of the report lost the other
//! charts (pages 39-44); those lists ship with defaults drawn from the report's own words
//! (forms of assault from its philosophy section, ages from its eligibility rule) and from
//! common practice, to be checked against the original report.

/// A value shipped with Havre: a stable key (the same in every organization, for network
/// figures), and its labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultValue {
    pub key: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

const fn v(key: &'static str, fr: &'static str, en: &'static str) -> DefaultValue {
    DefaultValue { key, fr, en }
}

/// Every list has these two, first: a question not asked is not an unknown answer.
pub const NOT_ASKED: DefaultValue = v("not_asked", "Non demandé", "Not asked");
pub const UNKNOWN: DefaultValue = v("unknown", "Information inconnue", "Unknown");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    Requester,
    AssaultForm,
    AgeAtAssault,
    AgeAtRequest,
    Relation,
    ReferralSource,
    Residence,
    DispositionAfterRequest,
    DispositionAfterFirstMeeting,
    CallTopic,
    /// Partner premises where meetings and workshops happen: schools, youth centres, other
    /// organizations. Each organization adds its own.
    Place,
    /// The professions of the team (docs/care.md): each of a kind the policy reads.
    Profession,
    /// The rooms where appointments are held.
    Room,
    /// The tasks of a mission (docs/missions.md): decluttering, cleaning, moving furniture…
    MissionTask,
    /// What a complaint is about (docs/privacy.md "Complaints").
    ComplaintNature,
}

impl ListKind {
    pub const ALL: [ListKind; 15] = [
        ListKind::Requester,
        ListKind::AssaultForm,
        ListKind::AgeAtAssault,
        ListKind::AgeAtRequest,
        ListKind::Relation,
        ListKind::ReferralSource,
        ListKind::Residence,
        ListKind::DispositionAfterRequest,
        ListKind::DispositionAfterFirstMeeting,
        ListKind::CallTopic,
        ListKind::Place,
        ListKind::Profession,
        ListKind::Room,
        ListKind::MissionTask,
        ListKind::ComplaintNature,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ListKind::Requester => "requester",
            ListKind::AssaultForm => "assault_form",
            ListKind::AgeAtAssault => "age_at_assault",
            ListKind::AgeAtRequest => "age_at_request",
            ListKind::Relation => "relation",
            ListKind::ReferralSource => "referral_source",
            ListKind::Residence => "residence",
            ListKind::DispositionAfterRequest => "disposition_request",
            ListKind::DispositionAfterFirstMeeting => "disposition_first_meeting",
            ListKind::CallTopic => "call_topic",
            ListKind::Place => "place",
            ListKind::Profession => "profession",
            ListKind::Room => "room",
            ListKind::MissionTask => "mission_task",
            ListKind::ComplaintNature => "complaint_nature",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Multi-valued lists (starred in docs/domain.md §3).
    pub fn multi(self) -> bool {
        matches!(
            self,
            ListKind::AssaultForm | ListKind::Relation | ListKind::MissionTask
        )
    }

    /// Whether the list answers a question of the statistical profile, and so starts with
    /// "not asked" and "unknown". A list of places does not.
    pub fn is_question(self) -> bool {
        !matches!(
            self,
            ListKind::Place
                | ListKind::Profession
                | ListKind::Room
                | ListKind::MissionTask
                | ListKind::ComplaintNature
        )
    }

    /// The values shipped with the list, after "not asked" and "unknown" for a question.
    pub fn defaults(self) -> &'static [DefaultValue] {
        match self {
            ListKind::Requester => {
                const {
                    &[
                        v("herself", "La personne elle-même", "The person herself"),
                        v(
                            "relative",
                            "Une personne de l'entourage",
                            "A relative or friend",
                        ),
                        v("professional", "Une ou un professionnel", "A professional"),
                    ]
                }
            }
            ListKind::AssaultForm => {
                const {
                    &[
                        v(
                            "penetration",
                            "Agression sexuelle avec pénétration",
                            "Sexual assault with penetration",
                        ),
                        v(
                            "collective",
                            "Agression sexuelle collective",
                            "Gang sexual assault",
                        ),
                        v("incest", "Inceste", "Incest"),
                        v("touching", "Attouchements", "Sexual touching"),
                        v("harassment", "Harcèlement sexuel", "Sexual harassment"),
                        v("voyeurism", "Voyeurisme", "Voyeurism"),
                        v(
                            "exploitation",
                            "Exploitation sexuelle",
                            "Sexual exploitation",
                        ),
                        v("exhibitionism", "Exhibitionnisme", "Exhibitionism"),
                    ]
                }
            }
            ListKind::AgeAtAssault => {
                const {
                    &[
                        v("0_5", "0 à 5 ans", "0 to 5"),
                        v("6_11", "6 à 11 ans", "6 to 11"),
                        v("12_17", "12 à 17 ans", "12 to 17"),
                        v("18_24", "18 à 24 ans", "18 to 24"),
                        v("25_34", "25 à 34 ans", "25 to 34"),
                        v("35_49", "35 à 49 ans", "35 to 49"),
                        v("50_64", "50 à 64 ans", "50 to 64"),
                        v("65_plus", "65 ans et plus", "65 and over"),
                    ]
                }
            }
            ListKind::AgeAtRequest => {
                const {
                    &[
                        v("12_17", "12 à 17 ans", "12 to 17"),
                        v("18_24", "18 à 24 ans", "18 to 24"),
                        v("25_34", "25 à 34 ans", "25 to 34"),
                        v("35_49", "35 à 49 ans", "35 to 49"),
                        v("50_64", "50 à 64 ans", "50 to 64"),
                        v("65_plus", "65 ans et plus", "65 and over"),
                    ]
                }
            }
            // The seed report's order and words (Non demandé is the shared first value).
            ListKind::Relation => {
                const {
                    &[
                        v("pimp_client", "Proxénète/client", "Pimp/client"),
                        v("police", "Forces de l'ordre", "Police forces"),
                        v("stranger", "Inconnu", "Stranger"),
                        v("extended_family", "Famille élargie", "Extended family"),
                        v(
                            "partner",
                            "Partenaire amoureux/intime",
                            "Romantic/intimate partner",
                        ),
                        v("entourage", "Entourage", "Entourage"),
                        v("close_family", "Famille proche", "Close family"),
                    ]
                }
            }
            ListKind::ReferralSource => {
                const {
                    &[
                        v(
                            "knew_us",
                            "Connaissait déjà l'organisme",
                            "Already knew the organization",
                        ),
                        v("entourage", "Entourage", "Relatives or friends"),
                        v("school", "Milieu scolaire", "School"),
                        v(
                            "health_services",
                            "CLSC, CISSS ou services de santé",
                            "Health and social services",
                        ),
                        v("designated_centre", "Centre désigné", "Designated centre"),
                        v("police", "Services policiers", "Police"),
                        v(
                            "community",
                            "Organisme communautaire",
                            "Community organization",
                        ),
                        v("help_line", "Ligne d'aide", "Help line"),
                        v(
                            "internet",
                            "Internet ou réseaux sociaux",
                            "Internet or social networks",
                        ),
                        v("other", "Autre", "Other"),
                    ]
                }
            }
            // Each organization adds its MRC and municipalities.
            ListKind::Residence => {
                const { &[v("outside", "Hors du territoire", "Outside the territory")] }
            }
            ListKind::DispositionAfterRequest => {
                const {
                    &[
                        v("wait_list", "Liste d'attente", "Wait list"),
                        v(
                            "first_meeting",
                            "Première rencontre fixée",
                            "First meeting booked",
                        ),
                        v("emergency", "Rencontre d'urgence", "Emergency meeting"),
                        v(
                            "referred",
                            "Référée à une autre ressource",
                            "Referred elsewhere",
                        ),
                        v("information", "Information seulement", "Information only"),
                    ]
                }
            }
            // Listening and information calls (écoute téléphonique et références).
            ListKind::CallTopic => {
                const {
                    &[
                        v("listening", "Écoute", "Listening"),
                        v(
                            "services",
                            "Information sur les services",
                            "Information on services",
                        ),
                        v(
                            "rights",
                            "Droits, plainte, IVAC",
                            "Rights, complaint, compensation",
                        ),
                        v(
                            "relative",
                            "Soutien à une personne de l'entourage",
                            "Support to a relative",
                        ),
                        v("referral", "Demande de référence", "Request for a referral"),
                        v("other", "Autre", "Other"),
                    ]
                }
            }
            // Their kinds are in `care::DEFAULT_PROFESSION_KINDS`.
            ListKind::Profession => {
                const {
                    &[
                        v("doctor", "Médecin", "Doctor"),
                        v("midwife", "Sage-femme", "Midwife"),
                        v("nurse", "Infirmière", "Nurse"),
                        v("psychologist", "Psychologue", "Psychologist"),
                        v(
                            "legal",
                            "Juriste ou avocate bénévole",
                            "Lawyer or legal volunteer",
                        ),
                        v(
                            "police",
                            "Policière ou gendarme sur place",
                            "Police officer on site",
                        ),
                        v("social_worker", "Assistante sociale", "Social worker"),
                        v("caseworker", "Intervenante", "Caseworker"),
                        v("art_therapist", "Art-thérapeute", "Art therapist"),
                        v("sport", "Éducatrice sportive", "Sport educator"),
                        v("reception", "Accueil", "Reception"),
                    ]
                }
            }
            // Each organization names its own rooms.
            ListKind::Room => &[],
            // The natures a yearly complaint report counts (the seed report's LAPVIC section).
            ListKind::ComplaintNature => {
                const {
                    &[
                        v(
                            "reception",
                            "Accueil et attitude du personnel",
                            "Reception and staff conduct",
                        ),
                        v(
                            "delays",
                            "Délais et liste d'attente",
                            "Delays and wait list",
                        ),
                        v(
                            "service_quality",
                            "Qualité des services",
                            "Quality of services",
                        ),
                        v("confidentiality", "Confidentialité", "Confidentiality"),
                        v("accessibility", "Accessibilité", "Accessibility"),
                        v("discrimination", "Discrimination", "Discrimination"),
                        v("other", "Autre", "Other"),
                    ]
                }
            }
            // The Brigade's tasks, as its report names them.
            ListKind::MissionTask => {
                const {
                    &[
                        v("decluttering", "Désencombrement", "Decluttering"),
                        v("cleaning", "Grand ménage", "Deep cleaning"),
                        v(
                            "moving_furniture",
                            "Déplacement de meubles",
                            "Moving furniture",
                        ),
                        v(
                            "pest_preparation",
                            "Préparation pour l'extermination",
                            "Preparing for pest control",
                        ),
                        v(
                            "waste_removal",
                            "Évacuation des encombrants",
                            "Removing bulky waste",
                        ),
                        v(
                            "inspection_preparation",
                            "Préparation à l'inspection",
                            "Preparing for the inspection",
                        ),
                    ]
                }
            }
            ListKind::Place => {
                const {
                    &[v(
                        "other_partner",
                        "Autre lieu partenaire",
                        "Other partner premises",
                    )]
                }
            }
            ListKind::DispositionAfterFirstMeeting => {
                const {
                    &[
                        v("emergency", "Rencontres d'urgence", "Emergency meetings"),
                        v("follow_up", "Suivi individuel", "Individual follow-up"),
                        v("group", "Groupe", "Group"),
                        v(
                            "referred",
                            "Référée à une autre ressource",
                            "Referred elsewhere",
                        ),
                        v("no_further_need", "Aucun autre besoin", "No further need"),
                    ]
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_within_each_list_and_round_trip() {
        for kind in ListKind::ALL {
            assert_eq!(ListKind::parse(kind.key()), Some(kind));
            let mut keys: Vec<&str> = kind.defaults().iter().map(|d| d.key).collect();
            keys.extend([NOT_ASKED.key, UNKNOWN.key]);
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n, "{kind:?} repeats a key");
        }
    }

    #[test]
    fn the_relation_list_is_the_seed_reports() {
        let labels: Vec<&str> = ListKind::Relation.defaults().iter().map(|d| d.fr).collect();
        assert_eq!(
            labels,
            [
                "Proxénète/client",
                "Forces de l'ordre",
                "Inconnu",
                "Famille élargie",
                "Partenaire amoureux/intime",
                "Entourage",
                "Famille proche"
            ]
        );
        assert_ne!(
            UNKNOWN.fr, "Inconnu",
            "the unknown answer must not read like the stranger category"
        );
    }
}
