// The one error the JPEG decoder throws: its message names what is wrong with the stream, so a
// caller (the DICOM reader) can pass it on to the user as the file's reason.

export class JpegError extends Error {
  override name = 'JpegError';
}
