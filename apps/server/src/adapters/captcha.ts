import svgCaptcha from 'svg-captcha';

export interface CaptchaImage {
  text: string;
  svg: string;
}

export interface CaptchaRenderer {
  create(): CaptchaImage;
}

/** Distorted-text SVG captcha; 4 characters without look-alikes (0/O, 1/l/I). */
export function createSvgCaptcha(): CaptchaRenderer {
  return {
    create() {
      const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', color: true, width: 120, height: 40 });
      return { text: c.text, svg: c.data };
    },
  };
}
