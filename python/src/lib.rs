//! Python bindings of the duplicata engine (being written).
