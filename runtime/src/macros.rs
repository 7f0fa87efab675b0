//! Macros that generated code expands: they keep each generated enum down to its variants.

/// Implements the string conversions, `Debug`, JSON conversions and parameter encoding of a
/// generated enum with an `Unknown(String)` fallback; with `eq` after the variants, also
/// `PartialEq`, `Eq` and `Hash`, which compare the wire value. Every impl goes through one
/// `match` (the value's name and wire text), which keeps each enum cheap to compile: derived
/// `Debug`, `PartialEq` and `Hash` would each match over the variants again.
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $($eq:ident)?) => {
        impl $name {
            /// Every documented value, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                self.__parts().1
            }

            /// The variant's name (`Unknown` for an unknown value) and its wire text.
            fn __parts(&self) -> (&'static str, &str) {
                match self {
                    $(Self::$variant => (stringify!($variant), $wire),)*
                    Self::Unknown(s) => ("Unknown", s.as_str()),
                }
            }
        }
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::Unknown(s) => f.debug_tuple("Unknown").field(s).finish(),
                    _ => f.write_str(self.__parts().0),
                }
            }
        }
        $($crate::__string_enum_eq!($name $eq);)?
        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl ::core::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match Self::from(s.as_str()) {
                    Self::Unknown(_) => Self::Unknown(s),
                    known => known,
                }
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl $crate::FromJson for $name {
            fn from_json(v: &$crate::serde_json::Value) -> ::core::result::Result<Self, ::std::string::String> {
                <::std::string::String as $crate::FromJson>::from_json(v).map(Self::from)
            }
        }
        impl $crate::ToJson for $name {
            fn to_json(&self) -> $crate::serde_json::Value {
                $crate::serde_json::Value::String(self.as_str().to_owned())
            }
        }
        impl $crate::ParamValue for $name {
            fn write_param(&self, name: &str, out: &mut $crate::ParamList) {
                out.push(name, self.as_str());
            }
        }
        $crate::__with_testing! {
            impl $crate::testing::KnownValues for $name {
                fn is_known(&self) -> bool {
                    !matches!(self, Self::Unknown(_))
                }
            }
        }
    };
}

/// `PartialEq`, `Eq` and `Hash` of a generated string enum, by wire value (`string_enum!`
/// with `eq`).
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_eq {
    ($name:ident eq) => {
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl ::core::cmp::Eq for $name {}
        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                ::core::hash::Hash::hash(self.as_str(), state)
            }
        }
    };
}

/// Implements [`ServiceError`](crate::ServiceError) (whose provided methods are the
/// metadata accessors), an `is_<variant>()` test per variant, `Display` and
/// `std::error::Error` of a generated per-operation error enum. Each entry maps a variant (and
/// its test's name) to its error code and whether the spec marks it retryable. Every variant
/// holds a `Box<ErrorMeta>` (keeping `Result`s small), and the enum must also have an
/// `Unhandled(`[`Unhandled`](crate::Unhandled)`)` variant.
///
/// With `common <CommonError> { "Code", .. }`, the enum also has a `Common(<CommonError>)`
/// variant (an enum declared once with [`common_error!`](crate::common_error!)) holding the
/// listed common codes; their `is_` tests are declared once too, by the generated code, for
/// every error enum. The operation's own codes are matched first, so its own row wins over
/// the common one.
#[macro_export]
macro_rules! service_error {
    ($name:ident { $($variant:ident ($is:ident) = $code:literal => $retry:literal),* $(,)? }
     $(common $common:ty { $($ccode:literal),* $(,)? })?) => {
        impl $crate::ServiceError for $name {
            $(const COMMON_CODES: &'static [&'static str] = {
                type _Common = $common;
                &[$($ccode),*]
            };)?
            fn from_meta(meta: $crate::ErrorMeta) -> Self {
                match meta.code.as_str() {
                    $($code => Self::$variant(::std::boxed::Box::new(meta)),)*
                    _ => {
                        $(let meta = match <$common>::__from_meta(meta) {
                            ::core::result::Result::Ok(c) => return Self::Common(c),
                            ::core::result::Result::Err(meta) => meta,
                        };)?
                        Self::Unhandled($crate::Unhandled::__new(meta))
                    }
                }
            }
            fn unhandled(meta: $crate::ErrorMeta) -> Self {
                Self::Unhandled($crate::Unhandled::__new(meta))
            }
            fn meta(&self) -> &$crate::ErrorMeta {
                match self {
                    $(Self::$variant(m) => m,)*
                    $(Self::Common(c) => <$common>::meta(c),)?
                    Self::Unhandled(u) => u.meta(),
                }
            }
            fn documented_retryable(&self) -> bool {
                match self {
                    $(Self::$variant(_) => $retry,)*
                    $(Self::Common(c) => <$common>::documented_retryable(c),)?
                    Self::Unhandled(_) => false,
                }
            }
        }
        impl $name {
            $(
                #[doc = concat!("Whether this is `", $code, "`.")]
                pub fn $is(&self) -> bool {
                    matches!(self, Self::$variant(_))
                }
            )*
        }
        $crate::__error_display!($name, $crate::ServiceError::meta);
    };
}

/// Declares the behaviour of the enum of the common gateway error codes, which every
/// operation's error enum holds in its `Common` variant ([`service_error!`]): metadata
/// accessors, an `is_<variant>()` test per variant, `Display` and `std::error::Error`.
#[macro_export]
macro_rules! common_error {
    ($name:ident { $($variant:ident ($is:ident) = $code:literal => $retry:literal),* $(,)? }) => {
        impl $name {
            /// Every common code, as the service sends it.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            #[doc(hidden)]
            pub fn __from_meta(
                meta: $crate::ErrorMeta,
            ) -> ::core::result::Result<Self, $crate::ErrorMeta> {
                match meta.code.as_str() {
                    $($code => ::core::result::Result::Ok(Self::$variant(::std::boxed::Box::new(meta))),)*
                    _ => ::core::result::Result::Err(meta),
                }
            }
            /// All metadata of the error.
            pub fn meta(&self) -> &$crate::ErrorMeta {
                match self {
                    $(Self::$variant(m) => m,)*
                }
            }
            /// Whether the common error table marks this code retryable.
            pub fn documented_retryable(&self) -> bool {
                match self {
                    $(Self::$variant(_) => $retry,)*
                }
            }
            $(
                #[doc = concat!("Whether this is `", $code, "`.")]
                pub fn $is(&self) -> bool {
                    matches!(self, Self::$variant(_))
                }
            )*
            /// The error code as the service sent it.
            pub fn code(&self) -> &str {
                &self.meta().code
            }
            /// The error message as the service sent it.
            pub fn message(&self) -> &str {
                &self.meta().message
            }
            /// The request ID, for Alibaba Cloud support.
            pub fn request_id(&self) -> ::core::option::Option<&str> {
                self.meta().request_id.as_deref()
            }
            /// Whether retrying may succeed: throttling, server errors and codes the table
            /// marks retryable.
            pub fn is_retryable(&self) -> bool {
                self.meta().is_retryable(self.documented_retryable())
            }
        }
        $crate::__error_display!($name, $name::meta);
    };
}

/// `Display` (the metadata's, read through `$meta`) and `std::error::Error` of a generated
/// error enum.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_display {
    ($name:ident, $($meta:tt)+) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt($($meta)+(self), f)
            }
        }
        impl ::std::error::Error for $name {}
    };
}

/// Implements [`HasMeta`](crate::HasMeta), the inherent `meta()` and
/// [`FromBody`](crate::FromBody) (read from JSON) of a generated output struct, which
/// has a private `meta: ResponseMeta` field and implements [`FromJson`](crate::FromJson).
#[macro_export]
macro_rules! output {
    ($name:ident) => {
        $crate::output!($name, headers: []);
    };
    ($name:ident, headers: [$($header:literal),*]) => {
        $crate::__output_meta!($name);
        impl $crate::FromBody for $name {
            const HEADERS: &'static [&'static str] = &[$($header),*];
            fn from_json_body(
                v: &$crate::serde_json::Value,
            ) -> ::core::result::Result<Self, String> {
                <Self as $crate::FromJson>::from_json(v)
            }
            fn from_raw_body(_: &[u8]) -> ::core::result::Result<Self, String> {
                ::core::result::Result::Err("expected a JSON body".into())
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __output_meta {
    ($name:ident) => {
        impl $name {
            /// The response's HTTP status, headers and request ID.
            pub fn meta(&self) -> &$crate::ResponseMeta {
                &self.meta
            }
        }
        impl $crate::HasMeta for $name {
            fn meta(&self) -> &$crate::ResponseMeta {
                &self.meta
            }
            fn set_meta(&mut self, meta: $crate::ResponseMeta) {
                self.meta = meta;
            }
        }
        impl $name {
            /// The value with this response metadata (status, headers, request ID), as a
            /// test double answers it.
            pub fn with_meta(mut self, meta: $crate::ResponseMeta) -> Self {
                self.meta = meta;
                self
            }
        }
    };
}

/// Implements [`FromBody`](crate::FromBody) and the metadata accessors for the
/// output of an operation whose success body is not JSON: `text` (a `body: String` field),
/// `bytes` (a `body: Vec<u8>` field) or `empty` (no field but `meta`).
#[macro_export]
macro_rules! raw_output {
    ($name:ident text) => {
        $crate::raw_output!(@impl $name Text |b: &[u8]| ::core::result::Result::Ok($name {
            body: ::std::string::String::from_utf8(b.to_vec()).map_err(|_| "the text body is not UTF-8".to_string())?,
            meta: ::core::default::Default::default(),
        }));
        $crate::raw_output!(@body $name |o: &$name| (o.body.as_bytes().to_vec(), ::core::option::Option::Some("text/plain; charset=utf-8")));
    };
    ($name:ident bytes) => {
        $crate::raw_output!(@impl $name Bytes |b: &[u8]| ::core::result::Result::Ok($name {
            body: b.to_vec(),
            meta: ::core::default::Default::default(),
        }));
        $crate::raw_output!(@body $name |o: &$name| (o.body.clone(), ::core::option::Option::Some("application/octet-stream")));
    };
    ($name:ident empty) => {
        $crate::raw_output!(@impl $name Empty |_b: &[u8]| ::core::result::Result::Ok($name {
            meta: ::core::default::Default::default(),
        }));
        $crate::raw_output!(@body $name |_o: &$name| (::std::vec::Vec::new(), ::core::option::Option::None));
    };
    (@body $name:ident $write:expr) => {
        $crate::__with_testing! {
            impl $crate::testing::ToBody for $name {
                fn to_body(&self) -> (::std::vec::Vec<u8>, ::core::option::Option<&'static str>) {
                    let write: fn(&$name) -> (::std::vec::Vec<u8>, ::core::option::Option<&'static str>) = $write;
                    write(self)
                }
            }
        }
    };
    (@impl $name:ident $kind:ident $read:expr) => {
        $crate::__output_meta!($name);
        impl $crate::FromBody for $name {
            const KIND: $crate::BodyKind = $crate::BodyKind::$kind;
            fn from_json_body(_: &$crate::serde_json::Value) -> ::core::result::Result<Self, String> {
                ::core::result::Result::Err("expected a body that is not JSON".into())
            }
            fn from_raw_body(b: &[u8]) -> ::core::result::Result<Self, String> {
                let read: fn(&[u8]) -> ::core::result::Result<$name, String> = $read;
                read(b)
            }
        }
    };
}

/// The items given, when the runtime is built with feature `testing` (the traits of
/// `testing::wire` exist then), and nothing otherwise. A `#[cfg(feature = ...)]` written
/// inside a macro's expansion would test the calling crate's features, not the runtime's.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_testing {
    ($($item:item)*) => { $($item)* };
}

/// Without feature `testing`: nothing (see the other definition).
#[cfg(not(feature = "testing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_testing {
    ($($item:item)*) => {};
}
