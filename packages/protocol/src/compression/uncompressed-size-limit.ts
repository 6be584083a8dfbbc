import { SamsaError } from '../errors';

/** Throws `CORRUPT_MESSAGE` when a codec's output would exceed the caller's limit. */
export function checkUncompressedSize(codecName: string, sizeBytes: number, maxUncompressedBytes: number): void {
  if (sizeBytes > maxUncompressedBytes) {
    throw new SamsaError(
      'CORRUPT_MESSAGE',
      `${codecName}: uncompressed size ${sizeBytes} bytes exceeds the limit of ${maxUncompressedBytes}`,
    );
  }
}
