import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A Y4M video (the raw format Chromium's fake camera plays, looping) written frame by frame
 * from QR module matrices: no ffmpeg. Greyscale 4:2:0, full-range luma.
 */
export interface Scene {
  text?: string;
  frames: number;
}

export function writeQrVideo(file: string, scenes: Scene[], width = 640, height = 480, fps = 10): void {
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const frames: Buffer[] = [
    Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n`),
  ];
  for (const scene of scenes) {
    const luma = Buffer.alloc(ySize, 235);
    if (scene.text) {
      const { modules } = QRCode.create(scene.text, { errorCorrectionLevel: 'M' });
      const n = modules.size;
      const cell = Math.floor((Math.min(width, height) - 16) / (n + 8)); // a 4-module quiet zone
      const x0 = Math.floor((width - n * cell) / 2);
      const y0 = Math.floor((height - n * cell) / 2);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          if (!modules.get(r, c)) continue;
          for (let dy = 0; dy < cell; dy++)
            luma.fill(
              16,
              (y0 + r * cell + dy) * width + x0 + c * cell,
              (y0 + r * cell + dy) * width + x0 + (c + 1) * cell,
            );
        }
      }
    }
    const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, Buffer.alloc(cSize * 2, 128)]);
    for (let i = 0; i < scene.frames; i++) frames.push(frame);
  }
  writeFileSync(file, Buffer.concat(frames));
}
