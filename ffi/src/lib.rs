//! C ABI of the duplicata engine (being written).
