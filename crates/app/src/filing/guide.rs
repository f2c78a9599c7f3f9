//! The life-event guide: which procedures apply after a move, a birth, a death…

use std::collections::HashSet;

use madoguchi_core::Localized;
use madoguchi_forms::guide::{Elsewhere, LifeEvent};

use super::Filing;
use crate::filing::ProcedureSummary;
use crate::kernel::AppError;

/// One thing to do, as the guide lists it.
#[derive(Clone, Debug)]
pub enum GuideEntry {
    /// A procedure of this platform, with what to have ready.
    Procedure {
        summary: ProcedureSummary,
        prepare: Vec<Localized>,
        deadline: Option<Localized>,
    },
    /// Something done at another office or company.
    Elsewhere {
        what: Elsewhere,
        deadline: Option<Localized>,
    },
}

impl Filing<'_> {
    /// Every life event of this municipality's guide.
    pub fn life_events(&self) -> Vec<LifeEvent> {
        self.app.forms_for(self.city).guide().events.clone()
    }

    /// What applies for `event` given the questions answered "yes"; procedures this
    /// municipality does not offer are left out.
    pub fn life_event_plan(
        &self,
        event: &str,
        yes: &HashSet<String>,
    ) -> Result<(LifeEvent, Vec<GuideEntry>), AppError> {
        let forms = self.app.forms_for(self.city);
        let event = forms
            .guide()
            .event(event)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let offered = self.procedures()?;
        let entries = event
            .applicable(yes)
            .filter_map(|item| match (&item.procedure, &item.elsewhere) {
                (Some(id), _) => {
                    let summary = offered.iter().find(|p| &p.id == id)?.clone();
                    let prepare = forms
                        .get(id)
                        .map(|f| f.settings().what_to_prepare.clone())
                        .unwrap_or_default();
                    Some(GuideEntry::Procedure {
                        summary,
                        prepare,
                        deadline: item.deadline.clone(),
                    })
                }
                (None, Some(what)) => Some(GuideEntry::Elsewhere {
                    what: what.clone(),
                    deadline: item.deadline.clone(),
                }),
                (None, None) => None,
            })
            .collect();
        Ok((event, entries))
    }
}
