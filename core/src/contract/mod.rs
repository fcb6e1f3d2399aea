//! The JSON contract: the request as read, the decision as written (with its fast writer). No rule
//! lives here; the decision's parts are the plain data the rule modules return.

pub(crate) mod consistency;
pub(crate) mod date;
pub(crate) mod decision;
pub(crate) mod fast;
pub(crate) mod json;
pub(crate) mod outcome;
pub(crate) mod request;
