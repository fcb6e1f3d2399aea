//! The duplicata of a carte grise (certificat d'immatriculation, code de la route R322-10): who may
//! ask, which documents, how long each paper is valid, how the request is filed, and the fees.

pub mod address;
pub mod channel;
pub mod documents;
pub mod eligibility;
pub mod eras;
pub mod fees;
pub mod validity;
