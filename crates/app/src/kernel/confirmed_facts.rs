//! What each city has confirmed of the facts its procedures state (issue 46 item 3), as this
//! node last read it, and which facts a resident therefore sees marked as not yet
//! confirmed.
//!
//! The policy (docs/forms.md, "Facts the city has not confirmed"): a fact a definition
//! states with a `to_confirm` note is shown, never hidden, but marked 「市に確認中」 with
//! the section to ask, on every page that states it — until a supervisor of the section
//! records that the city confirmed those words (`authoring::facts`). A confirmation holds
//! for the statement and note it was given on: an author's change to either marks the fact
//! again. Read per city and kept `FRESH`, like the departments, so a procedure's page needs
//! no database read; this node forgets its copy when it records a confirmation, another
//! node sees it within `FRESH`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use madoguchi_core::TenantId;
use madoguchi_forms::Form;
use madoguchi_records::RecordsRead;

use super::{App, AppError};

/// How long a read of a city's confirmations is used before it is read again.
const FRESH: Duration = Duration::from_secs(5);

/// A city's confirmations: by procedure, (fact, digest of the words confirmed).
#[derive(Debug, Default)]
pub struct Confirmed(HashMap<String, Vec<(String, String)>>);

impl Confirmed {
    fn of(rows: impl Iterator<Item = (String, String, String)>) -> Confirmed {
        let mut by_procedure: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for (procedure, fact, digest) in rows {
            by_procedure
                .entry(procedure)
                .or_default()
                .push((fact, digest));
        }
        Confirmed(by_procedure)
    }

    pub(crate) fn holds(&self, procedure: &str, fact: &str, digest: &str) -> bool {
        self.0
            .get(procedure)
            .is_some_and(|done| done.iter().any(|(f, d)| f == fact && d == digest))
    }

    /// Is `form`'s fee (or its refund rule) open and not confirmed? (a list's line on the fee)
    pub(crate) fn fee_open(&self, form: &Form) -> bool {
        form.open_digests().iter().any(|(fact, digest)| {
            matches!(*fact, "fee" | "refund") && !self.holds(form.id(), fact, digest)
        })
    }
}

/// The facts of one procedure a resident sees marked as not yet confirmed, by key
/// (`fee`, `processing_days`…; see `madoguchi_forms::provenance::FACTS`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unconfirmed(Vec<&'static str>);

impl Unconfirmed {
    /// Is `fact` marked?
    pub fn has(&self, fact: &str) -> bool {
        self.0.contains(&fact)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The facts marked, in the order of `FACTS`.
    pub fn facts(&self) -> &[&'static str] {
        &self.0
    }
}

/// The snapshots, by city.
#[derive(Debug, Default)]
pub(crate) struct ConfirmedFacts {
    by_tenant: RwLock<HashMap<TenantId, (Instant, Arc<Confirmed>)>>,
}

impl App {
    /// The city's confirmations, from memory when fresh, else read (for a list of procedures:
    /// a new snapshot is a new version of the list, see `filing::procedures::OfferVersion`).
    pub(crate) fn confirmed_snapshot(&self, tenant: &TenantId) -> Result<Arc<Confirmed>, AppError> {
        if let Some(fresh) = self.fresh_confirmed(tenant) {
            return Ok(fresh);
        }
        self.read(|c| self.confirmed_in(c, tenant))
    }

    /// The city's confirmations when this node read them less than `FRESH` ago.
    pub(crate) fn fresh_confirmed(&self, tenant: &TenantId) -> Option<Arc<Confirmed>> {
        let slot = self.confirmed.by_tenant.read().ok()?;
        slot.get(tenant)
            .filter(|(read, _)| read.elapsed() < FRESH)
            .map(|(_, confirmed)| Arc::clone(confirmed))
    }

    /// The city's confirmations, from memory when fresh, else read through `c` (and kept).
    fn confirmed_in(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
    ) -> Result<Arc<Confirmed>, AppError> {
        if let Some(fresh) = self.fresh_confirmed(tenant) {
            return Ok(fresh);
        }
        let confirmed = Arc::new(Confirmed::of(
            c.fact_confirmations_of(tenant)?
                .into_iter()
                .map(|r| (r.procedure_id.to_string(), r.fact, r.digest)),
        ));
        let mut slot = match self.confirmed.by_tenant.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        slot.insert(tenant.clone(), (Instant::now(), Arc::clone(&confirmed)));
        Ok(confirmed)
    }

    /// Forgets this node's copy of the city's confirmations (after it recorded one).
    pub(crate) fn forget_confirmed_facts(&self, tenant: &TenantId) {
        let mut slot = match self.confirmed.by_tenant.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        slot.remove(tenant);
    }

    /// The facts of `form` the city `tenant` has not confirmed: residents see each marked
    /// 「市に確認中」 wherever it is stated. Read through `c` when this node's copy is stale.
    pub(crate) fn unconfirmed_facts_in(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<Unconfirmed, AppError> {
        if form.open_digests().is_empty() {
            return Ok(Unconfirmed::default());
        }
        let confirmed = self.confirmed_in(c, tenant)?;
        Ok(unconfirmed(form, &confirmed))
    }

    /// [`Self::unconfirmed_facts_in`] on a connection of its own when needed.
    pub fn unconfirmed_facts(
        &self,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<Unconfirmed, AppError> {
        if let Some(known) = self.cached_unconfirmed_facts(tenant, form) {
            return Ok(known);
        }
        self.read(|c| self.unconfirmed_facts_in(c, tenant, form))
    }

    /// The same from memory only: `None` when this node's copy is stale (a caller on the
    /// async side then goes to the blocking pool).
    pub fn cached_unconfirmed_facts(&self, tenant: &TenantId, form: &Form) -> Option<Unconfirmed> {
        if form.open_digests().is_empty() {
            return Some(Unconfirmed::default());
        }
        let confirmed = self.fresh_confirmed(tenant)?;
        Some(unconfirmed(form, &confirmed))
    }
}

fn unconfirmed(form: &Form, confirmed: &Confirmed) -> Unconfirmed {
    Unconfirmed(
        form.open_digests()
            .iter()
            .filter(|(fact, digest)| !confirmed.holds(form.id(), fact, digest))
            .map(|(fact, _)| *fact)
            .collect(),
    )
}
