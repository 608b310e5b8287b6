//! Results as JSON text, which the browser's `JSON.parse` turns into plain objects
//! and arrays. One string crosses into JS instead of a call per field, and the wasm
//! needs no JS-value serializer (serde-wasm-bindgen was about 4 KB gzip).
//!
//! Covers what the API returns: structs, sequences, options, strings, numbers and
//! unit variants. Numbers beyond ±2^53 are refused, as serde-wasm-bindgen's
//! JSON-compatible mode refused them: JS would round them silently.

use serde::ser::{self, Serialize};
use std::fmt;

/// Largest integer a JS number holds exactly.
const SAFE: u64 = (1 << 53) - 1;

#[derive(Debug)]
pub struct Unsupported(&'static str);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported("a value cannot be converted to JSON")
    }
}

type R = Result<(), Unsupported>;

/// `v` as JSON text.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> Result<String, Unsupported> {
    let mut w = Writer(String::new());
    v.serialize(&mut w)?;
    Ok(w.0)
}

pub struct Writer(String);

impl Writer {
    fn digits(&mut self, mut n: u64) {
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        loop {
            at -= 1;
            if let Some(b) = buf.get_mut(at) {
                *b = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        buf.iter().skip(at).for_each(|&b| self.0.push(char::from(b)));
    }

    fn string(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    for shift in [4, 0] {
                        HEX.get(((c as usize) >> shift) & 0xf).iter().for_each(|&&h| self.0.push(char::from(h)));
                    }
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn open(&mut self, c: char, variant: Option<&str>) -> Compound<'_> {
        if let Some(v) = variant {
            self.0.push('{');
            self.string(v);
            self.0.push(':');
        }
        self.0.push(c);
        Compound { w: self, first: true, close: if variant.is_some() { "}" } else { "" } }
    }
}

pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    /// Closes the `{"Variant":` of an externally tagged variant.
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.0.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        self.comma();
        v.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> R {
        self.comma();
        self.w.string(key);
        self.w.0.push(':');
        v.serialize(&mut *self.w)
    }

    fn end(self, c: char) -> R {
        self.w.0.push(c);
        self.w.0.push_str(self.close);
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> R {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        if v < 0 {
            self.0.push('-');
        }
        self.serialize_u64(v.unsigned_abs())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        if v > SAFE {
            return Err(Unsupported("a number is too large for JavaScript"));
        }
        self.digits(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> R {
        // JS's own shortest form, so the number reads back exactly.
        match js_sys::Number::from(v).to_string_with_radix(10) {
            Ok(s) if v.is_finite() => self.0.push_str(&String::from(s)),
            _ => self.0.push_str("null"),
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsupported("bytes cannot be converted to JSON"))
    }
    fn serialize_none(self) -> R {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> R {
        let mut c = self.open('{', None);
        c.field(variant, v)?;
        c.end('}')
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('[', Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('{', None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('{', None))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('{', Some(variant)))
    }
}

// serde has one trait per kind of sequence and of struct; each is written the same.
macro_rules! elements {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
                self.element(v)
            }
            fn end(self) -> R {
                Compound::end(self, ']')
            }
        }
    )*};
}
elements!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> R {
                self.field(key, v)
            }
            fn end(self) -> R {
                Compound::end(self, '}')
            }
        }
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    // Keys are written as JSON strings only: the API's maps are keyed by strings.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.comma();
        let start = self.w.0.len();
        key.serialize(&mut *self.w)?;
        if !self.w.0.get(start..).is_some_and(|k| k.starts_with('"')) {
            return Err(Unsupported("a map key is not a string"));
        }
        self.w.0.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> R {
        Compound::end(self, '}')
    }
}
