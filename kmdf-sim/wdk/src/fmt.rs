//! Fixed-size formatting without the heap, as `wdk::fmt`: [`FormatBuffer`] collects formatted
//! text in a stack array (always NUL-terminated, so it can be handed to C as a string), and
//! [`FlushableFormatBuffer`] hands each full buffer to a closure, so output of any length passes
//! through a fixed buffer.

use core::ffi::CStr;
use core::fmt;

/// The buffer size `wdk::fmt` uses by default (and `print!` uses: `DbgPrint`'s limit).
const DEFAULT_FORMAT_BUFFER_SIZE: usize = 512;

/// A stack buffer of `N` bytes implementing [`fmt::Write`]: up to `N - 1` bytes of text and the
/// NUL after them. `N` must be at least 2 (checked when the buffer is made).
#[derive(Clone)]
pub struct FormatBuffer<const N: usize = DEFAULT_FORMAT_BUFFER_SIZE> {
    /// The text, then a NUL at `used`, then whatever was there before.
    bytes: [u8; N],
    /// How many bytes of text `bytes` holds (always `< N`).
    used: usize,
}

impl<const N: usize> FormatBuffer<N> {
    /// An empty buffer.
    #[must_use]
    pub const fn new() -> Self {
        const {
            assert!(
                N >= 2,
                "a FormatBuffer needs at least 2 bytes: one of text and its NUL"
            );
        }
        Self {
            bytes: [0; N],
            used: 0,
        }
    }

    /// Empties the buffer.
    pub const fn clear(&mut self) {
        self.used = 0;
        self.bytes[0] = 0;
    }

    /// The number of bytes of text written.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.used
    }

    /// The most text the buffer holds: `N - 1` bytes (the last is kept for the NUL).
    #[must_use]
    pub const fn capacity(&self) -> usize {
        N - 1
    }

    /// Whether nothing has been written.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The text written so far.
    #[must_use]
    pub fn as_str(&self) -> &str {
        let text = self.bytes.get(..self.used).unwrap_or_default();
        // Only whole `&str`s (or their prefixes at char boundaries) are ever appended.
        core::str::from_utf8(text).unwrap_or_default()
    }

    /// The text as a C string, up to its first NUL (a NUL written inside the text ends it early).
    #[must_use]
    pub const fn as_c_str(&self) -> &CStr {
        match CStr::from_bytes_until_nul(&self.bytes) {
            Ok(text) => text,
            // Unreachable: `bytes[used]` is NUL after every change (see `append`).
            Err(_) => c"",
        }
    }

    /// The room left for text.
    const fn room(&self) -> usize {
        N - 1 - self.used
    }

    /// Appends `text`, which fits (`text.len() <= self.room()`), and writes the NUL after it.
    fn append(&mut self, text: &str) {
        let end = self.used + text.len();
        if let Some(slot) = self.bytes.get_mut(self.used..end) {
            slot.copy_from_slice(text.as_bytes());
            self.used = end;
        }
        if let Some(nul) = self.bytes.get_mut(self.used) {
            *nul = 0;
        }
    }
}

impl<const N: usize> Default for FormatBuffer<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Debug for FormatBuffer<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FormatBuffer")
            .field("text", &self.as_str())
            .field("capacity", &self.capacity())
            .finish()
    }
}

/// The longest prefix of `text` no longer than `limit` bytes that ends on a char boundary.
fn prefix_within(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

impl<const N: usize> fmt::Write for FormatBuffer<N> {
    /// Appends `s`.
    ///
    /// # Errors
    /// [`fmt::Error`] if `s` does not fit; the chars of it that fit are written first.
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let fits = prefix_within(s, self.room());
        self.append(fits);
        if fits.len() == s.len() {
            Ok(())
        } else {
            Err(fmt::Error)
        }
    }
}

/// A [`FormatBuffer`] that hands its contents to `flush_fn` whenever the next text does not fit
/// (and when flushed or dropped), then starts again empty: output of any length in `N`-byte
/// pieces, each split at a char boundary.
pub struct FlushableFormatBuffer<
    F: FnMut(&FormatBuffer<N>),
    const N: usize = DEFAULT_FORMAT_BUFFER_SIZE,
> {
    /// The piece being filled.
    buffer: FormatBuffer<N>,
    /// Where full pieces go.
    flush_fn: F,
}

impl<F: FnMut(&FormatBuffer<N>), const N: usize> FlushableFormatBuffer<F, N> {
    /// An empty writer that hands each piece to `flush_fn`.
    #[must_use]
    pub const fn new(flush_fn: F) -> Self {
        Self {
            buffer: FormatBuffer::new(),
            flush_fn,
        }
    }

    /// Hands what the buffer holds to the closure now (nothing happens if it is empty).
    pub fn flush(&mut self) {
        if !self.buffer.is_empty() {
            (self.flush_fn)(&self.buffer);
            self.buffer.clear();
        }
    }
}

impl<F: FnMut(&FormatBuffer<N>), const N: usize> Drop for FlushableFormatBuffer<F, N> {
    fn drop(&mut self) {
        self.flush();
    }
}

impl<F: FnMut(&FormatBuffer<N>), const N: usize> fmt::Write for FlushableFormatBuffer<F, N> {
    /// Appends `s`, flushing each time the buffer is full.
    ///
    /// # Errors
    /// [`fmt::Error`] only for a char longer than the whole buffer (`N - 1` bytes).
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut rest = s;
        while !rest.is_empty() {
            let fits = prefix_within(rest, self.buffer.room());
            if fits.is_empty() {
                if self.buffer.is_empty() {
                    return Err(fmt::Error);
                }
                self.flush();
                continue;
            }
            self.buffer.append(fits);
            rest = rest.get(fits.len()..).unwrap_or_default();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::{FlushableFormatBuffer, FormatBuffer};
    use core::fmt::Write;
    use std::string::String;
    use std::vec::Vec;

    #[test]
    fn a_format_buffer_holds_n_minus_one_bytes_and_stays_nul_terminated() {
        let mut buffer = FormatBuffer::<8>::new();
        assert!(buffer.is_empty());
        assert_eq!(buffer.capacity(), 7);
        write!(buffer, "ab{}", 12).unwrap();
        assert_eq!(buffer.as_str(), "ab12");
        assert_eq!(buffer.as_c_str().to_bytes(), b"ab12");
        assert_eq!(buffer.len(), 4);
        // 4 more bytes do not fit in the 3 left: the 3 that fit are kept, and it is an error.
        assert!(buffer.write_str("wxyz").is_err());
        assert_eq!(buffer.as_str(), "ab12wxy");
        assert_eq!(buffer.as_c_str().to_bytes(), b"ab12wxy");
        buffer.clear();
        assert_eq!(buffer.as_c_str().to_bytes(), b"");
        assert_eq!(buffer.as_str(), "");
    }

    #[test]
    fn a_char_that_does_not_fit_is_not_split() {
        let mut buffer = FormatBuffer::<4>::new();
        // "aé" is 3 bytes, the capacity; "é" after "ab" would need 2 of the 1 left.
        assert!(buffer.write_str("abé").is_err());
        assert_eq!(buffer.as_str(), "ab");
    }

    #[test]
    fn an_interior_nul_ends_the_c_string_but_not_the_text() {
        let mut buffer = FormatBuffer::<16>::new();
        buffer.write_str("ab\0cd").unwrap();
        assert_eq!(buffer.as_str(), "ab\0cd");
        assert_eq!(buffer.as_c_str().to_bytes(), b"ab");
    }

    #[test]
    fn a_flushable_buffer_passes_long_text_through_in_pieces_split_at_char_boundaries() {
        let mut pieces: Vec<String> = Vec::new();
        {
            let mut writer = FlushableFormatBuffer::<_, 5>::new(|b: &FormatBuffer<5>| {
                pieces.push(String::from(b.as_str()));
            });
            let name = "wörld";
            write!(writer, "héllo, {name}!").unwrap();
        }
        // Capacity 4 bytes per piece; "é" and "ö" (2 bytes each) are never split.
        assert_eq!(pieces.concat(), "héllo, wörld!");
        assert!(pieces.iter().all(|p| p.len() <= 4 && !p.is_empty()));
        assert_eq!(pieces, ["hél", "lo, ", "wör", "ld!"]);
    }

    #[test]
    fn a_char_longer_than_the_whole_buffer_is_an_error() {
        let mut writer = FlushableFormatBuffer::<_, 2>::new(|_: &FormatBuffer<2>| {});
        assert!(writer.write_str("é").is_err());
        assert!(writer.write_str("ab").is_ok());
    }
}
