//! Any bytes through parse, validate, lower and emit: a located error or valid output,
//! never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = acs_codegen::internal::fuzz_frontend(data);
});
