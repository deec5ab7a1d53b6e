//! Networks (docs/networks.md). A network keeps its members (their names, regions, dates and
//! public keys) and the yearly submissions they sign; it never reads a person. A member
//! chooses what it shares with each of its networks, previews its submission, and approves
//! it: Havre signs it with the member's own key, and hands it to the network when both work
//! on this Havre, or gives it as a file to import on the network's. Either way the network
//! checks the signature against the member's key before it keeps anything, and a later
//! submission for the same year replaces the earlier, which stays.

use crate::audit::{Action, Event};
use crate::entity::{
    help_request, meeting, network_member, network_share, network_submission, organization, person,
};
use crate::organizations::Organization;
use crate::reader::Reader;
use crate::{Store, StoreError};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{Months, NaiveDate};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use havre_domain::ids::{NetworkMemberId, NetworkShareId, OrganizationId};
use havre_domain::network::{
    CareShare, HelpShare, HousingShare, MemberYear, Membership, MissionShare, NetworkSection,
    SUBMISSION_FORMAT, SUBMISSION_VERSION, SharedFigures, Standing, Submission, SubmissionFile,
};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::{FieldError, text_ok};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A member as the network's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NetworkMember {
    pub id: NetworkMemberId,
    pub name: String,
    pub region: String,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// The day its house opened; none while under construction.
    pub opened_on: Option<NaiveDate>,
    /// Its public key, base64, once given: its submissions are checked with it.
    pub public_key: Option<String>,
    /// It works on this Havre: its submissions come without a file.
    pub on_this_havre: bool,
}

/// A member as the network's administrator enters it.
#[derive(Clone, Debug, Default)]
pub struct MemberForm {
    pub name: String,
    pub region: String,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub opened_on: Option<NaiveDate>,
    /// Its public key, base64, as the member gives it.
    pub public_key: Option<String>,
    /// The address of its page, when it works on this Havre: its key is then taken from it.
    pub organization_slug: Option<String>,
}

/// What a member shares with one of its networks, as its list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NetworkShare {
    /// None for a network on this Havre that lists it and with which it shares nothing yet.
    pub id: Option<NetworkShareId>,
    pub network: String,
    /// Its row in the network's members, for a network on this Havre.
    pub network_member_id: Option<NetworkMemberId>,
    #[schema(value_type = Vec<String>)]
    pub sections: Vec<NetworkSection>,
}

/// A submission received: from whom, for which year, and whether it replaced an earlier one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Received {
    pub member_id: NetworkMemberId,
    pub member: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub replaced: bool,
}

/// A member's year, as the network report reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberLine {
    pub name: String,
    pub year: MemberYear,
}

/// What a network's report of a year is made of: its members that year, where each stands and
/// what each submitted; and the year before, for the change over comparable members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkYear {
    pub network: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub members: Vec<MemberLine>,
    pub previous: Vec<MemberYear>,
}

fn key_problem(field: &'static str, key: &'static str) -> StoreError {
    StoreError::invalid(field, key)
}

/// A public key as a member gives it: 32 bytes, base64.
fn verifying_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = BASE64.decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn sections_of(text: &str) -> Vec<NetworkSection> {
    let keys: HashSet<&str> = text.split(',').map(str::trim).collect();
    NetworkSection::ALL
        .iter()
        .copied()
        .filter(|s| keys.contains(s.key()))
        .collect()
}

fn member_of(m: network_member::Model) -> NetworkMember {
    NetworkMember {
        id: m.id.into(),
        name: m.name,
        region: m.region,
        joined_on: m.joined_on,
        left_on: m.left_on,
        opened_on: m.opened_on,
        public_key: m.public_key,
        on_this_havre: m.member_organization_id.is_some(),
    }
}

impl Store {
    /// The reader's organization, when it is a network; a centre has no members to keep.
    async fn network_of(&self, reader: &Reader) -> Result<Organization, StoreError> {
        let org = self.organization(reader.organization_id).await?;
        if org.kind != "network" {
            return Err(StoreError::NotFound);
        }
        Ok(org)
    }

    /// The network's members, by name.
    pub async fn network_members(&self, reader: &Reader) -> Result<Vec<NetworkMember>, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::NetworkMember),
        )?;
        let network = self.network_of(reader).await?;
        Ok(network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(network.id))
            .order_by_asc(network_member::Column::Name)
            .all(self.db())
            .await?
            .into_iter()
            .map(member_of)
            .collect())
    }

    /// Checks a member's form; the key is the one given, or the one of the organization on
    /// this Havre whose page it names.
    async fn checked_member(
        &self,
        form: &MemberForm,
    ) -> Result<(NaiveDate, Option<String>, Option<OrganizationId>), StoreError> {
        let mut problems = Vec::new();
        if !text_ok(&form.name, 200) {
            problems.push(FieldError::new("name", "field-required"));
        }
        if !text_ok(&form.region, 100) {
            problems.push(FieldError::new("region", "field-required"));
        }
        let joined_on = form.joined_on;
        if joined_on.is_none() {
            problems.push(FieldError::new("joined_on", "field-required"));
        }
        if let (Some(joined), Some(left)) = (joined_on, form.left_on)
            && left < joined
        {
            problems.push(FieldError::new("left_on", "left-before-joined"));
        }
        let mut key = form
            .public_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned);
        if key.as_deref().is_some_and(|k| verifying_key(k).is_none()) {
            problems.push(FieldError::new("public_key", "network-key-invalid"));
        }
        let mut organization = None;
        if let Some(slug) = form
            .organization_slug
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match self.organization_by_slug(slug).await {
                Ok(org) if org.kind != "network" => {
                    key = Some(self.signing_key(org.id).await?.1);
                    organization = Some(org.id);
                }
                _ => problems.push(FieldError::new(
                    "organization_slug",
                    "network-member-unknown",
                )),
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        Ok((joined_on.unwrap_or_default(), key, organization))
    }

    /// Adds a member to the network.
    pub async fn add_network_member(
        &self,
        reader: &Reader,
        form: &MemberForm,
    ) -> Result<NetworkMemberId, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::NetworkMember),
        )?;
        let network = self.network_of(reader).await?;
        let (joined_on, key, organization) = self.checked_member(form).await?;
        let id = NetworkMemberId::new();
        self.write(&reader.actor, async |txn| {
            network_member::ActiveModel {
                id: Set(id.into()),
                network_id: Set(network.id.into()),
                name: Set(form.name.trim().to_owned()),
                region: Set(form.region.trim().to_owned()),
                joined_on: Set(joined_on),
                left_on: Set(form.left_on),
                opened_on: Set(form.opened_on),
                public_key: Set(key),
                member_organization_id: Set(organization.map(Into::into)),
                created_at: Set(self.now()),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::NetworkMemberAdded).target("network_member", id),
            ))
        })
        .await
    }

    /// Changes a member's name, region, dates or key.
    pub async fn change_network_member(
        &self,
        reader: &Reader,
        id: NetworkMemberId,
        form: &MemberForm,
    ) -> Result<(), StoreError> {
        reader.check(
            policy::Action::Edit,
            &Record::new(RecordKind::NetworkMember),
        )?;
        let network = self.network_of(reader).await?;
        let row = network_member::Entity::find_by_id(id)
            .filter(network_member::Column::NetworkId.eq(network.id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let (joined_on, key, organization) = self.checked_member(form).await?;
        self.write(&reader.actor, async |txn| {
            let mut model: network_member::ActiveModel = row.clone().into();
            model.name = Set(form.name.trim().to_owned());
            model.region = Set(form.region.trim().to_owned());
            model.joined_on = Set(joined_on);
            model.left_on = Set(form.left_on);
            model.opened_on = Set(form.opened_on);
            if key.is_some() {
                model.public_key = Set(key);
            }
            if organization.is_some() {
                model.member_organization_id = Set(organization.map(Into::into));
            }
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::NetworkMemberChanged).target("network_member", id),
            ))
        })
        .await
    }

    /// An organization's signing key and its public key (base64), made the first time.
    async fn signing_key(
        &self,
        organization_id: OrganizationId,
    ) -> Result<(SigningKey, String), StoreError> {
        let row = organization::Entity::find_by_id(organization_id)
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)?;
        let at =
            |sealed: &str| self.open_at("organizations", "signing_key", organization_id, sealed);
        let secret = match &row.signing_key_sealed {
            Some(sealed) => at(sealed)?,
            None => {
                let mut bytes = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
                let secret = BASE64.encode(bytes);
                let sealed = self.seal_at("organizations", "signing_key", organization_id, &secret);
                let actor = crate::incidents::havre_itself(organization_id);
                // Two first needs at once make one key: the second finds the first's in its
                // transaction and keeps it. A key given to a network is never replaced.
                self.write(&actor, async |txn| {
                    // Locked on PostgreSQL; SQLite's writer holds the lock already.
                    let row = organization::Entity::find_by_id(organization_id)
                        .lock_exclusive()
                        .one(txn)
                        .await?
                        .ok_or(StoreError::NotFound)?;
                    if let Some(made) = &row.signing_key_sealed {
                        return Ok((at(made)?, None));
                    }
                    let mut model: organization::ActiveModel = row.into();
                    model.signing_key_sealed = Set(Some(sealed));
                    model.update(txn).await?;
                    Ok((
                        secret,
                        Some(
                            Event::new(Action::SigningKeyMade)
                                .target("organization", organization_id),
                        ),
                    ))
                })
                .await?
            }
        };
        let bytes: [u8; 32] = BASE64
            .decode(secret)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| StoreError::Other("a signing key that is not one".into()))?;
        let key = SigningKey::from_bytes(&bytes);
        let public = BASE64.encode(key.verifying_key().to_bytes());
        Ok((key, public))
    }

    /// The public key of the reader's organization, to give to its networks.
    pub async fn public_key(&self, reader: &Reader) -> Result<String, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::NetworkShare))?;
        Ok(self.signing_key(reader.organization_id).await?.1)
    }

    /// The networks the reader's organization shares with, and those on this Havre that list
    /// it as a member, with what it shares with each.
    pub async fn network_shares(&self, reader: &Reader) -> Result<Vec<NetworkShare>, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::NetworkShare))?;
        let shares = network_share::Entity::find()
            .filter(network_share::Column::OrganizationId.eq(reader.organization_id))
            .order_by_asc(network_share::Column::NetworkName)
            .all(self.db())
            .await?;
        let linked: HashSet<uuid::Uuid> =
            shares.iter().filter_map(|s| s.network_member_id).collect();
        let mut list: Vec<NetworkShare> = shares
            .into_iter()
            .map(|s| NetworkShare {
                id: Some(s.id.into()),
                network: s.network_name,
                network_member_id: s.network_member_id.map(Into::into),
                sections: sections_of(&s.sections),
            })
            .collect();
        for m in network_member::Entity::find()
            .filter(network_member::Column::MemberOrganizationId.eq(reader.organization_id))
            .all(self.db())
            .await?
        {
            if linked.contains(&m.id) {
                continue;
            }
            let network = self.organization(m.network_id.into()).await?;
            list.push(NetworkShare {
                id: None,
                network: network.name,
                network_member_id: Some(m.id.into()),
                sections: Vec::new(),
            });
        }
        Ok(list)
    }

    /// Says what the reader's organization shares with a network: one on this Havre that
    /// lists it (`network_member_id`), or another by its name.
    pub async fn share_with_network(
        &self,
        reader: &Reader,
        network_member_id: Option<NetworkMemberId>,
        network_name: &str,
        sections: &[NetworkSection],
    ) -> Result<NetworkShareId, StoreError> {
        reader.check(policy::Action::Edit, &Record::new(RecordKind::NetworkShare))?;
        let org = reader.organization_id;
        let network_name = match network_member_id {
            Some(id) => {
                let member = network_member::Entity::find_by_id(id)
                    .filter(network_member::Column::MemberOrganizationId.eq(org))
                    .one(self.db())
                    .await?
                    .ok_or(StoreError::NotFound)?;
                self.organization(member.network_id.into()).await?.name
            }
            None if text_ok(network_name, 200) => network_name.trim().to_owned(),
            None => return Err(key_problem("network", "network-name-required")),
        };
        let existing = network_share::Entity::find()
            .filter(network_share::Column::OrganizationId.eq(org))
            .all(self.db())
            .await?
            .into_iter()
            .find(|s| match network_member_id {
                Some(id) => s.network_member_id == Some(id.into()),
                None => s.network_member_id.is_none() && s.network_name == network_name,
            });
        let keys: Vec<&str> = sections.iter().map(|s| s.key()).collect();
        let id = existing
            .as_ref()
            .map(|s| NetworkShareId::from(s.id))
            .unwrap_or_else(NetworkShareId::new);
        self.write(&reader.actor, async |txn| {
            let model = network_share::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(org.into()),
                network_name: Set(network_name.clone()),
                network_member_id: Set(network_member_id.map(Into::into)),
                sections: Set(keys.join(",")),
                updated_at: Set(self.now()),
            };
            match existing {
                Some(_) => model.update(txn).await?,
                None => model.insert(txn).await?,
            };
            Ok((
                id,
                Event::new(Action::NetworkShareChanged)
                    .target("network_share", id)
                    .detail(serde_json::json!({ "sections": keys })),
            ))
        })
        .await
    }

    async fn share_row(
        &self,
        reader: &Reader,
        id: NetworkShareId,
    ) -> Result<network_share::Model, StoreError> {
        network_share::Entity::find_by_id(id)
            .filter(network_share::Column::OrganizationId.eq(reader.organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The submission the reader's organization would send a network for a year: the parts it
    /// shares, counting only the women who consented to be counted.
    pub async fn submission_preview(
        &self,
        reader: &Reader,
        share: NetworkShareId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Submission, StoreError> {
        reader.check(policy::Action::Read, &Record::new(RecordKind::NetworkShare))?;
        let row = self.share_row(reader, share).await?;
        if first > last || (last - first).num_days() > 400 {
            return Err(key_problem("last", "network-year-invalid"));
        }
        let org = self.organization(reader.organization_id).await?;
        Ok(Submission {
            format: SUBMISSION_FORMAT.to_owned(),
            version: SUBMISSION_VERSION,
            member: org.name.clone(),
            network: row.network_name.clone(),
            first,
            last,
            made_at: self.now(),
            figures: self
                .shared_figures(&org, &sections_of(&row.sections), first, last)
                .await?,
        })
    }

    /// Approves the year's submission: signs it with the organization's key; hands it to the
    /// network when the network works on this Havre. Returns the file, to send otherwise.
    pub async fn submit_to_network(
        &self,
        reader: &Reader,
        share: NetworkShareId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<SubmissionFile, StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::NetworkShare),
        )?;
        let submission = self.submission_preview(reader, share, first, last).await?;
        let row = self.share_row(reader, share).await?;
        let (key, public_key) = self.signing_key(reader.organization_id).await?;
        let payload =
            serde_json::to_string(&submission).map_err(|e| StoreError::Other(e.to_string()))?;
        let file = SubmissionFile {
            signature: BASE64.encode(key.sign(payload.as_bytes()).to_bytes()),
            payload,
            public_key,
        };
        let network_id = match row.network_member_id {
            Some(member) => network_member::Entity::find_by_id(member)
                .one(self.db())
                .await?
                .map(|m| m.network_id),
            None => None,
        };
        self.write(&reader.actor, async |txn| {
            let mut events = vec![
                Event::new(Action::NetworkSubmitted)
                    .target("network_share", share)
                    .detail(serde_json::json!({ "first": first, "last": last })),
            ];
            if let Some(network_id) = network_id {
                let received = self.receive_in(txn, network_id.into(), &file).await?;
                events.push(received_event(&received));
            }
            Ok(((), events))
        })
        .await?;
        Ok(file)
    }

    /// Receives a submission file on the network's Havre: kept only when its signature is
    /// the one of a member's key.
    pub async fn receive_submission(
        &self,
        reader: &Reader,
        file: &str,
    ) -> Result<Received, StoreError> {
        reader.check(
            policy::Action::Create,
            &Record::new(RecordKind::NetworkSubmission),
        )?;
        let network = self.network_of(reader).await?;
        let file: SubmissionFile = serde_json::from_str(file.trim())
            .map_err(|_| key_problem("file", "submission-unreadable"))?;
        self.write(&reader.actor, async |txn| {
            let received = self.receive_in(txn, network.id, &file).await?;
            let event = received_event(&received);
            Ok((received, event))
        })
        .await
    }

    /// Checks a submission against the network's members' keys and keeps it; an earlier one
    /// of the same member for the same year is marked replaced.
    async fn receive_in<C: ConnectionTrait>(
        &self,
        txn: &C,
        network_id: OrganizationId,
        file: &SubmissionFile,
    ) -> Result<Received, StoreError> {
        let member = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(network_id))
            .filter(network_member::Column::PublicKey.eq(file.public_key.trim()))
            .one(txn)
            .await?
            .ok_or_else(|| key_problem("file", "submission-member-unknown"))?;
        let key = verifying_key(&file.public_key)
            .ok_or_else(|| key_problem("file", "submission-signature-invalid"))?;
        let signature = BASE64
            .decode(file.signature.trim())
            .ok()
            .and_then(|b| Signature::from_slice(&b).ok())
            .ok_or_else(|| key_problem("file", "submission-signature-invalid"))?;
        key.verify_strict(file.payload.as_bytes(), &signature)
            .map_err(|_| key_problem("file", "submission-signature-invalid"))?;
        let submission: Submission = serde_json::from_str(&file.payload)
            .ok()
            .filter(|s: &Submission| {
                s.format == SUBMISSION_FORMAT
                    && s.version == SUBMISSION_VERSION
                    && s.first <= s.last
            })
            .ok_or_else(|| key_problem("file", "submission-unreadable"))?;
        let now = self.now();
        let earlier = network_submission::Entity::find()
            .filter(network_submission::Column::MemberId.eq(member.id))
            .filter(network_submission::Column::First.eq(submission.first))
            .filter(network_submission::Column::Last.eq(submission.last))
            .filter(network_submission::Column::ReplacedAt.is_null())
            .all(txn)
            .await?;
        let replaced = !earlier.is_empty();
        for e in earlier {
            let mut model: network_submission::ActiveModel = e.into();
            model.replaced_at = Set(Some(now));
            model.update(txn).await?;
        }
        network_submission::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            network_id: Set(network_id.into()),
            member_id: Set(member.id),
            first: Set(submission.first),
            last: Set(submission.last),
            payload: Set(file.payload.clone()),
            signature: Set(file.signature.trim().to_owned()),
            received_at: Set(now),
            replaced_at: Set(None),
        }
        .insert(txn)
        .await?;
        Ok(Received {
            member_id: member.id.into(),
            member: member.name,
            first: submission.first,
            last: submission.last,
            replaced,
        })
    }

    /// What the network's report of `[first, last]` is made of: each member of that year,
    /// where it stands and its current submission; and the year before.
    pub async fn network_year(
        &self,
        reader: &Reader,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<NetworkYear, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::NetworkSubmission),
        )?;
        let network = self.network_of(reader).await?;
        if first > last {
            return Err(key_problem("last", "network-year-invalid"));
        }
        let members = network_member::Entity::find()
            .filter(network_member::Column::NetworkId.eq(network.id))
            .order_by_asc(network_member::Column::Name)
            .all(self.db())
            .await?;
        let year = |first: NaiveDate, last: NaiveDate| {
            let members = &members;
            async move {
                let submitted: HashMap<uuid::Uuid, SharedFigures> =
                    network_submission::Entity::find()
                        .filter(network_submission::Column::NetworkId.eq(network.id))
                        .filter(network_submission::Column::First.eq(first))
                        .filter(network_submission::Column::Last.eq(last))
                        .filter(network_submission::Column::ReplacedAt.is_null())
                        .all(self.db())
                        .await?
                        .into_iter()
                        .filter_map(|s| {
                            let payload: Submission = serde_json::from_str(&s.payload).ok()?;
                            Some((s.member_id, payload.figures))
                        })
                        .collect();
                Ok::<_, StoreError>(
                    members
                        .iter()
                        .filter_map(|m| {
                            let figures = submitted.get(&m.id).cloned();
                            let standing = Membership {
                                joined_on: m.joined_on,
                                left_on: m.left_on,
                                opened_on: m.opened_on,
                            }
                            .standing(
                                first,
                                last,
                                figures.is_some(),
                            )?;
                            Some(MemberLine {
                                name: m.name.clone(),
                                year: MemberYear {
                                    member: m.id,
                                    region: m.region.clone(),
                                    standing,
                                    figures: figures.filter(|_| standing == Standing::Reported),
                                },
                            })
                        })
                        .collect::<Vec<_>>(),
                )
            }
        };
        let a_year = Months::new(12);
        let previous = match (
            first.checked_sub_months(a_year),
            last.checked_sub_months(a_year),
        ) {
            (Some(f), Some(l)) => year(f, l).await?.into_iter().map(|m| m.year).collect(),
            _ => Vec::new(),
        };
        Ok(NetworkYear {
            network: network.name,
            first,
            last,
            members: year(first, last).await?,
            previous,
        })
    }

    /// The figures a member shares for a year: only the parts it chose, only the women who
    /// consented to be counted (docs/networks.md), by the same rules as its own report.
    async fn shared_figures(
        &self,
        org: &Organization,
        sections: &[NetworkSection],
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<SharedFigures, StoreError> {
        let consenting: HashSet<uuid::Uuid> = person::Entity::find()
            .filter(person::Column::OrganizationId.eq(org.id))
            .filter(person::Column::NetworkConsent.eq(true))
            .all(self.db())
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut figures = SharedFigures::default();
        if sections.contains(&NetworkSection::Housing) && self.has_houses(org.id).await? {
            let (units, mut stays, turn_aways) =
                self.housing_facts(org.id, None, first, last).await?;
            stays.retain(|s| consenting.contains(&uuid::Uuid::from(s.person)));
            let today = org.time_zone.day_of(self.now());
            let f = havre_domain::housing::figures(&units, &stays, &turn_aways, first, last, today);
            figures.housing = Some(HousingShare {
                apartments: f.apartments.units,
                rooms: f.rooms.units,
                women: f.women,
                children: f.children,
                persons: f.persons,
                entries: f.entries,
                exits: f.exits,
                turned_away: f.turned_away(),
            });
        }
        if sections.contains(&NetworkSection::Help) {
            let (from, to) = org
                .time_zone
                .day_span(first, last)
                .ok_or_else(|| key_problem("last", "network-year-invalid"))?;
            let requests: Vec<help_request::Model> = help_request::Entity::find()
                .filter(help_request::Column::OrganizationId.eq(org.id))
                .filter(help_request::Column::ReceivedAt.gte(from))
                .filter(help_request::Column::ReceivedAt.lt(to))
                .all(self.db())
                .await?
                .into_iter()
                .filter(|r| consenting.contains(&r.person_id))
                .collect();
            let meetings: Vec<uuid::Uuid> = meeting::Entity::find()
                .filter(meeting::Column::OrganizationId.eq(org.id))
                .filter(meeting::Column::HeldAt.gte(from))
                .filter(meeting::Column::HeldAt.lt(to))
                .all(self.db())
                .await?
                .into_iter()
                .map(|m| m.person_id)
                .filter(|p| consenting.contains(p))
                .collect();
            figures.help = Some(HelpShare {
                requests: requests.len() as i64,
                teenagers: requests.iter().filter(|r| r.teenager).count() as i64,
                persons_met: meetings.iter().collect::<HashSet<_>>().len() as i64,
                meetings: meetings.len() as i64,
            });
        }
        if sections.contains(&NetworkSection::Care) && self.has_care(org.id).await? {
            let (from, to) = org
                .time_zone
                .day_span(first, last)
                .ok_or_else(|| key_problem("last", "network-year-invalid"))?;
            let counted =
                |p: havre_domain::ids::PersonId| consenting.contains(&uuid::Uuid::from(p));
            let (mut appointments, came_before) = self
                .appointment_facts(org.id, org.time_zone, from, to)
                .await?;
            appointments.retain(|a| counted(a.person));
            let care = havre_domain::care::figures(&appointments, &came_before, first, last);
            let (pathways, mut enrolments, completions) = self.pathway_facts(org.id).await?;
            enrolments.retain(|e| counted(e.person));
            let per_pathway =
                havre_domain::care::appointments_per_pathway(&appointments, first, last);
            let per_pathway = havre_domain::pathways::figures(
                havre_domain::pathways::Facts {
                    pathways: &pathways,
                    enrolments: &enrolments,
                    completions: &completions,
                },
                &per_pathway,
                first,
                last,
            );
            let pathway_women: HashSet<havre_domain::ids::PersonId> = enrolments
                .iter()
                .filter(|e| e.followed_in(first, last))
                .map(|e| e.person)
                .collect();
            figures.care = Some(CareShare {
                women: care.women,
                new_women: care.new_women,
                appointments: care.appointments,
                pathway_women: pathway_women.len() as i64,
                steps_completed: per_pathway.iter().map(|p| p.steps_completed).sum(),
                complaints_on_site: per_pathway.iter().map(|p| p.complaints_on_site).sum(),
            });
        }
        if sections.contains(&NetworkSection::Missions) && self.has_missions(org.id).await? {
            let (requests, hours) = self.mission_facts(org.id, first, last, true).await?;
            let f = havre_domain::missions::figures(&requests, &hours, first, last);
            figures.missions = Some(MissionShare {
                requests: f.requests,
                persons_helped: f.persons_helped,
                missions: f.missions,
                minutes_worked: f.minutes_worked,
                kept_reported: f.kept_reported,
                kept_in_home: f.kept_in_home,
            });
        }
        Ok(figures)
    }
}

fn received_event(r: &Received) -> Event<'static> {
    Event::new(Action::NetworkSubmissionReceived)
        .target("network_member", r.member_id)
        .detail(serde_json::json!({
            "first": r.first,
            "last": r.last,
            "replaced": r.replaced,
        }))
}
