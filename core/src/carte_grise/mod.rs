//! The duplicata of a carte grise (certificat d'immatriculation, code de la route R322-10): who may
//! ask, which documents, how long each paper is valid, how the request is filed, and the fees.

pub(crate) mod address;
pub(crate) mod channel;
pub(crate) mod documents;
pub(crate) mod eligibility;
pub(crate) mod eras;
pub(crate) mod fees;
pub(crate) mod validity;
