//! A value one thread leaves for another (the group commit's baton and outcomes).

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

/// A value one thread leaves for another.
#[derive(Debug)]
pub(super) struct Mailbox<T> {
    slot: Mutex<Option<T>>,
    filled: Condvar,
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Mailbox {
            slot: Mutex::new(None),
            filled: Condvar::new(),
        }
    }
}

impl<T> Mailbox<T> {
    pub(super) fn lock(&self) -> MutexGuard<'_, Option<T>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn put(&self, value: T) {
        *self.lock() = Some(value);
        self.filled.notify_all();
    }

    /// Puts `value` unless a value is there already.
    pub(super) fn put_if_empty(&self, value: T) {
        let mut slot = self.lock();
        if slot.is_none() {
            *slot = Some(value);
            self.filled.notify_all();
        }
    }

    pub(super) fn wait_take(&self) -> T {
        let mut slot = self.lock();
        loop {
            if let Some(value) = slot.take() {
                return value;
            }
            slot = self
                .filled
                .wait(slot)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The value, taken, if it comes before `deadline`.
    pub(super) fn wait_take_until(&self, deadline: Instant) -> Option<T> {
        self.wait_until(deadline, Option::take)
    }

    /// A copy of the value, if it comes before `deadline`.
    pub(super) fn wait_clone_until(&self, deadline: Instant) -> Option<T>
    where
        T: Clone,
    {
        self.wait_until(deadline, |slot| slot.clone())
    }

    /// Waits until `read` finds something in the slot, or `deadline` passes.
    fn wait_until(
        &self,
        deadline: Instant,
        mut read: impl FnMut(&mut Option<T>) -> Option<T>,
    ) -> Option<T> {
        let mut slot = self.lock();
        loop {
            if let Some(value) = read(&mut slot) {
                return Some(value);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            slot = self
                .filled
                .wait_timeout(slot, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}
