//! Any bytes through `import` and then the front end: a located error, a skip note, or a
//! spec that generates. An imported spec the generator rejects is a finding.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(errors) = acs_codegen::internal::fuzz_import(data) {
        assert!(errors.is_empty(), "an imported spec does not generate: {errors:?}");
    }
});
