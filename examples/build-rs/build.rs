//! Generates the ESA client from the spec at build time, into `OUT_DIR`.

fn main() {
    let result = acs_codegen::Builder::new()
        .spec("../../specs/esa-2024-09-10.yaml")
        // Trim the product to the calls this crate makes.
        .operation("ReleaseInstance")
        .generate_to_out_dir();
    if let Err(e) = result {
        // Each problem as `file:line:column: spec.path: what is wrong`.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
