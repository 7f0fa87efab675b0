//! `serve`: the gateway double over loopback HTTP, from the specs.

use crate::args::ServeArgs;
use crate::report::fail;
use std::process::ExitCode;

pub(crate) fn serve(args: &ServeArgs) -> ExitCode {
    let run = || -> Result<(), acs_codegen::Error> {
        let (specs, common) = args.inputs.builder().sources()?;
        let api = acs_codegen::compile(&specs, common.as_ref())?;
        let options = acs_codegen::internal::serve::ServeOptions {
            port: args.port,
            secret: args.secret.clone(),
            examples: !args.strict,
        };
        acs_codegen::internal::serve::run(&api, args.rules.as_deref(), &options)
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}
