//! Any status, headers and body through response decoding: `Ok` or a typed error, never a
//! panic.
#![no_main]

use acs_runtime::decode_response;
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::esa::v2024_09_10 as esa;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]) % 600;
    let header_len = (data[2] as usize).min(data.len() - 3);
    let header_value = String::from_utf8_lossy(&data[3..3 + header_len]).into_owned();
    let headers = vec![("x-acs-retry-after".to_string(), header_value)];
    let body = &data[3 + header_len..];
    let _ = decode_response::<esa::ReleaseInstanceRequest>(status, &headers, body);
    let _ = decode_response::<bss::RefundInstanceRequest>(status, &headers, body);
});
