//! Several cities on one server (issue 17): each host serves its own municipality, and
//! nothing of one city is reachable from another's host or with another's credentials.

mod guest_mails;
mod hosts;
mod isolation;
mod kept_pages;
mod mails;
mod operator;
mod prefill;
mod providers;
mod support;
