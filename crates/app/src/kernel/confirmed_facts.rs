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

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use madoguchi_core::TenantId;
use madoguchi_forms::Form;
use madoguchi_forms::registry::OpenFact;
use madoguchi_records::RecordsRead;

use super::{App, AppError};

/// How long a read of a city's confirmations is used before it is read again.
const FRESH: Duration = Duration::from_secs(5);

/// A city's confirmations: (procedure, fact, digest of the words confirmed).
#[derive(Debug, Default)]
pub struct Confirmed(HashSet<(String, String, String)>);

impl Confirmed {
    pub(crate) fn holds(&self, procedure: &str, fact: &str, digest: &str) -> bool {
        self.0
            .contains(&(procedure.to_string(), fact.to_string(), digest.to_string()))
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
    /// The city's confirmations when this node read them less than `FRESH` ago.
    fn fresh_confirmed(&self, tenant: &TenantId) -> Option<Arc<Confirmed>> {
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
        let confirmed = Arc::new(Confirmed(
            c.fact_confirmations_of(tenant)?
                .into_iter()
                .map(|r| (r.procedure_id.to_string(), r.fact, r.digest))
                .collect(),
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
        let open = form.open_facts();
        if open.is_empty() {
            return Ok(Unconfirmed::default());
        }
        let confirmed = self.confirmed_in(c, tenant)?;
        Ok(unconfirmed(form, &open, &confirmed))
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
        let open = form.open_facts();
        if open.is_empty() {
            return Some(Unconfirmed::default());
        }
        let confirmed = self.fresh_confirmed(tenant)?;
        Some(unconfirmed(form, &open, &confirmed))
    }
}

fn unconfirmed(form: &Form, open: &[OpenFact<'_>], confirmed: &Confirmed) -> Unconfirmed {
    Unconfirmed(
        open.iter()
            .filter(|f| !confirmed.holds(form.id(), f.fact, &f.digest))
            .map(|f| f.fact)
            .collect(),
    )
}
