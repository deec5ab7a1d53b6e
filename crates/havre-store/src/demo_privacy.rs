//! The demo centre's complaints and privacy duties (docs/privacy.md): its person in charge
//! named, a year of complaints (one still open), an incident entered by the team, and a
//! woman's request for access near its 30 days. Added once.

use crate::organizations::Organization;
use crate::{Actor, Store, StoreError};
use chrono::{Days, NaiveDate};
use havre_domain::complaints::{ComplainantKind, ComplaintForm, ComplaintOutcome};
use havre_domain::lists::ListKind;
use havre_domain::privacy::{IncidentForm, IncidentKind};

/// A complaint of the demo year: days ago received, who, nature, service, what she said,
/// and how it ended (outcome, days to the answer) when it did.
type DemoComplaint = (
    u64,
    ComplainantKind,
    &'static str,
    &'static str,
    &'static str,
    Option<(ComplaintOutcome, u64)>,
);

const COMPLAINTS: [DemoComplaint; 5] = [
    (
        230,
        ComplainantKind::Woman,
        "delays",
        "Liste d'attente",
        "J'ai attendu trois mois avant une première rencontre, sans nouvelles.",
        Some((ComplaintOutcome::PartlyFounded, 21)),
    ),
    (
        160,
        ComplainantKind::Relative,
        "reception",
        "Accueil téléphonique",
        "Ma fille a été mal reçue au téléphone un soir de semaine.",
        Some((ComplaintOutcome::Founded, 12)),
    ),
    (
        95,
        ComplainantKind::Anonymous,
        "confidentiality",
        "Groupe du jeudi",
        "Une participante a parlé de mon histoire à l'extérieur du groupe.",
        Some((ComplaintOutcome::Referred, 40)),
    ),
    (
        40,
        ComplainantKind::Partner,
        "accessibility",
        "Accompagnement à la cour",
        "L'accompagnement n'a pas pu avoir lieu faute de disponibilité.",
        Some((ComplaintOutcome::Unfounded, 9)),
    ),
    (
        6,
        ComplainantKind::Woman,
        "service_quality",
        "Suivi individuel",
        "Je voudrais changer d'intervenante et je ne sais pas à qui le demander.",
        None,
    ),
];

pub(crate) async fn ensure_demo_privacy(
    store: &Store,
    centre: &Organization,
) -> Result<(), StoreError> {
    let coordinator = store
        .user_by_email("coordination@latraversee.example")
        .await?;
    let actor = Actor {
        organization_id: Some(centre.id),
        user_id: Some(coordinator.id),
        ip: Some("demo".into()),
    };
    let reader = store.reader_for(&coordinator, actor).await?;
    if !store.complaints(&reader, None).await?.is_empty() {
        return Ok(());
    }
    store
        .set_privacy_officer(
            &reader,
            "Coordonnatrice, responsable de la protection des renseignements personnels",
            "vie-privee@latraversee.example, 418 555-0100 poste 3",
        )
        .await?;
    let today = store.today_of(centre.id).await?;
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let natures = store
        .list_values(centre.id, ListKind::ComplaintNature, false)
        .await?;
    let officer = store.user_by_email("plaintes@latraversee.example").await?;
    for (days, kind, nature, service, summary, ending) in COMPLAINTS {
        let nature = natures
            .iter()
            .find(|v| v.key.as_deref() == Some(nature))
            .map(|v| v.id);
        let received_on = ago(days);
        let id = store
            .receive_complaint(
                &reader,
                ComplaintForm {
                    received_on: Some(received_on),
                    complainant_kind: Some(kind),
                    complainant: "Coordonnées au dossier papier".into(),
                    nature,
                    service: service.into(),
                    about: None,
                    summary: summary.into(),
                },
            )
            .await?;
        store.assign_complaint(&reader, id, officer.id).await?;
        store
            .add_complaint_step(
                &reader,
                id,
                Some(received_on),
                "Accusé de réception et rencontre proposée.",
            )
            .await?;
        if let Some((outcome, days_to_answer)) = ending {
            let answered_on: NaiveDate = received_on
                .checked_add_days(Days::new(days_to_answer))
                .filter(|d| *d <= today)
                .unwrap_or(today);
            store
                .conclude_complaint(&reader, id, Some(outcome), Some(answered_on))
                .await?;
        }
    }
    store
        .record_incident(
            &reader,
            IncidentForm {
                known_on: Some(ago(75)),
                kind: Some(IncidentKind::Loss),
                description: "Une clé USB contenant la liste des participantes d'un groupe a été \
                    oubliée dans une salle louée; retrouvée le lendemain par le propriétaire."
                    .into(),
                files_concerned: "Groupe du jeudi (8 dossiers)".into(),
                persons_count: "8".into(),
            },
        )
        .await?;
    // A woman asked what the centre holds on her 24 days ago: near its limit.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let first = crate::entity::person::Entity::find()
        .filter(crate::entity::person::Column::OrganizationId.eq(centre.id))
        .order_by_asc(crate::entity::person::Column::CreatedAt)
        .one(store.db())
        .await?;
    if let Some(p) = first {
        store
            .record_access_request(&reader, p.id.into(), Some(ago(24)))
            .await?;
    }
    Ok(())
}
