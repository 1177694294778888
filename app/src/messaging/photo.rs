//! A photo as Nabij keeps it (with a resident's report, or a missing person's alert): a JPEG or PNG of at most [`PHOTO_MAX_BYTES`], decoded
//! within limits, turned upright, made no larger than [`LONGEST_SIDE`] pixels and written again
//! as a plain JPEG. Only pixels survive: no EXIF (location, camera, time), no XMP, no comments.

use crate::error::AppError;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

pub use crate::messaging::types::PHOTO_MAX_BYTES;

/// The longest side of a kept photo, in pixels: enough to recognise a car or a coat.
pub const LONGEST_SIDE: u32 = 1600;

/// The largest picture decoded at all (width or height), against decompression bombs.
const MAX_DIMENSION: u32 = 12_000;

/// A photo as kept.
pub struct CleanPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks and re-encodes an uploaded photo; anything that is not a JPEG or PNG, or is too
/// large, is refused with `photo_not_image` or `photo_too_large`.
pub fn clean(bytes: &[u8]) -> Result<CleanPhoto, AppError> {
    if bytes.len() > PHOTO_MAX_BYTES {
        return Err(AppError::PhotoTooLarge);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err(AppError::PhotoNotImage),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| AppError::PhotoNotImage)?;
    // A phone's photo says which way is up only in its metadata, which is about to go.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| AppError::PhotoNotImage)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > LONGEST_SIDE {
        picture = picture.resize(LONGEST_SIDE, LONGEST_SIDE, image::imageops::FilterType::Triangle);
    }
    // JPEG has no transparency: flatten onto white rather than black.
    let rgb = if picture.color().has_alpha() {
        let mut canvas = image::RgbImage::from_pixel(picture.width(), picture.height(), image::Rgb([255, 255, 255]));
        let rgba = picture.to_rgba8();
        for (x, y, p) in canvas.enumerate_pixels_mut() {
            let [r, g, b, a] = rgba.get_pixel(x, y).0;
            let a = u16::from(a);
            let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
            *p = image::Rgb([mix(r), mix(g), mix(b)]);
        }
        canvas
    } else {
        picture.to_rgb8()
    };
    let (width, height) = rgb.dimensions();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&rgb)
        .map_err(|_| AppError::Internal)?;
    Ok(CleanPhoto { jpeg, width, height })
}

/// [`clean`] on a blocking thread (decoding and encoding take the CPU for a while).
pub async fn keep(bytes: Vec<u8>) -> Result<CleanPhoto, AppError> {
    tokio::task::spawn_blocking(move || clean(&bytes)).await.map_err(|_| AppError::Internal)?
}

/// Checks, re-encodes and stores an uploaded photo for `of`.
pub async fn store(
    state: &crate::platform::state::AppState,
    of: crate::messaging::repo::PhotoOf,
    upload: Result<Vec<u8>, AppError>,
) -> Result<(), AppError> {
    let photo = keep(upload?).await?;
    let mut tx = state.begin().await?;
    let (width, height) = (i64::from(photo.width), i64::from(photo.height));
    crate::messaging::repo::put_photo(&mut tx, of, &photo.jpeg, width, height, crate::platform::now()).await?;
    tx.commit().await?;
    tracing::info!(photo = ?of, bytes = photo.jpeg.len(), "photo kept");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small JPEG with an EXIF block that holds a location and a marker string.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let picture =
            image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90).encode_image(&picture).unwrap_or_default();
        // APP1 "Exif": a little-endian TIFF header, an IFD with no entries, then the payload.
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
        exif.extend_from_slice(b"GPSLatitude 51.0543 GPSLongitude 3.7174 SECRET-LOCATION");
        let len = (exif.len() + 2) as u16;
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&exif);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn the_kept_photo_has_no_metadata_left() {
        let upload = jpeg_with_exif(40, 30);
        assert!(contains(&upload, b"SECRET-LOCATION") && contains(&upload, b"Exif"));
        let kept = clean(&upload).unwrap_or_else(|e| panic!("refused: {e:?}"));
        assert!(!contains(&kept.jpeg, b"SECRET-LOCATION"));
        assert!(!contains(&kept.jpeg, b"Exif"));
        assert_eq!((kept.width, kept.height), (40, 30));
        assert_eq!(image::guess_format(&kept.jpeg).ok(), Some(ImageFormat::Jpeg));
    }

    #[test]
    fn a_large_photo_is_made_smaller_and_keeps_its_shape() {
        let kept = clean(&jpeg_with_exif(3200, 1000)).unwrap_or_else(|e| panic!("refused: {e:?}"));
        assert_eq!((kept.width, kept.height), (1600, 500));
    }

    #[test]
    fn a_png_with_transparency_becomes_a_jpeg_on_white() {
        let picture = image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        picture.write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap_or_default();
        let kept = clean(&png).unwrap_or_else(|e| panic!("refused: {e:?}"));
        let back = image::load_from_memory(&kept.jpeg).map(|i| i.to_rgb8()).unwrap_or_default();
        assert!(back.get_pixel(5, 5).0.iter().all(|c| *c > 240), "{:?}", back.get_pixel(5, 5));
    }

    #[test]
    fn what_is_not_a_jpeg_or_png_is_refused() {
        assert_eq!(clean(b"<svg xmlns='http://www.w3.org/2000/svg'/>").err(), Some(AppError::PhotoNotImage));
        assert_eq!(clean(b"GIF89a\x01\0\x01\0").err(), Some(AppError::PhotoNotImage));
        // A JPEG's first bytes and nothing after them.
        assert_eq!(clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).err(), Some(AppError::PhotoNotImage));
        assert_eq!(clean(&vec![0_u8; PHOTO_MAX_BYTES + 1]).err(), Some(AppError::PhotoTooLarge));
    }
}
