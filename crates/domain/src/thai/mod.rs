//! Thai text helpers: digits, Buddhist-era dates, fiscal years, collation and normalisation.
