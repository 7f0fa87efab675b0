//! The runtime and the generated clients on the wire: signing, REST and RPC requests,
//! credentials, retries, logs, endpoints, paginators, the gateway double and the `acs` CLI.

mod api;
mod cli;
mod credentials;
mod e2e;
mod gateway;
mod logs;
mod network;
mod paginators;
mod rest;
