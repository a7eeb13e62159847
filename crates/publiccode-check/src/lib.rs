//! Country profiles, licence policy, and the countries own formats (US code.json, Canada ORE).
