/**
 * Scanning a QR code with the tablet's camera, where the browser has BarcodeDetector (Chromium on
 * Android); elsewhere the screen offers typing only, which always works.
 */

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

const detectorClass = (): DetectorClass | undefined =>
  (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

/** Whether this browser can scan: a barcode detector and a camera it may ask for. */
export const canScanQr = (): boolean =>
  detectorClass() !== undefined && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/**
 * Shows the rear camera in `video` until a QR code is seen (its text) or `signal` aborts (null);
 * the camera is released either way. Rejects when the camera cannot be opened.
 */
export async function scanQr(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  const Detector = detectorClass();
  if (!Detector) throw new Error('no BarcodeDetector');
  const detector = new Detector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    while (!signal.aborted) {
      const found = await detector.detect(video).catch(() => []);
      const text = found.find((f) => f.rawValue)?.rawValue;
      if (text) return text;
      await new Promise((done) => setTimeout(done, 250));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
