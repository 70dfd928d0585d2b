/**
 * Check codes of the photo engine, their default severity and the messages students see.
 * The server and the web app import these constants (this file has no Node or ML imports, so it is
 * safe to bundle for the browser). Templates may use {value} and {threshold}.
 */
import type { LocalizedMessage, Severity } from './types.js';

export const CheckCode = {
  NO_FACE: 'no_face',
  MULTIPLE_FACES: 'multiple_faces',
  PHOTO_TURNED: 'photo_turned',
  FACE_TOO_SMALL: 'face_too_small',
  HEAD_TURNED: 'head_turned',
  HEAD_TILTED: 'head_tilted',
  HEAD_PITCHED: 'head_pitched',
  EYES_CLOSED: 'eyes_closed',
  EYES_COVERED: 'eyes_covered',
  BLURRY: 'blurry',
  TOO_DARK: 'too_dark',
  OVEREXPOSED: 'overexposed',
  UNEVEN_LIGHT: 'uneven_light',
  GREYSCALE: 'greyscale',
  CLOTHES_CLOSE_TO_BACKGROUND: 'clothes_close_to_background',
  BUSY_BACKGROUND: 'busy_background',
  MATTE_UNRELIABLE: 'matte_unreliable',
  HAIR_OUTLINE_UNCLEAR: 'hair_outline_unclear',
  BODY_CROPPED: 'body_cropped',
  HEAD_CROPPED: 'head_cropped',
  HEAD_POSITION: 'head_position',
  GLASSES_GLARE: 'glasses_glare',
  RECAPTURED: 'recaptured',
} as const;

export type CheckCode = (typeof CheckCode)[keyof typeof CheckCode];

export interface CheckDefinition {
  severity: Severity;
  /** what is measured (and its unit), for reports and the console */
  measure: string;
  message: LocalizedMessage;
}

export const CHECK_DEFINITIONS: Record<CheckCode, CheckDefinition> = {
  no_face: {
    severity: 'reject',
    measure: 'faces found',
    message: {
      zh: '照片中没有找到人脸。请正对镜头，让整张脸清楚地出现在照片中。',
      en: 'No face was found. Face the camera so that your whole face is clearly visible.',
    },
  },
  multiple_faces: {
    severity: 'reject',
    measure: 'faces found',
    message: {
      zh: '照片中有 {value} 张人脸，只能有本人一人。请单独拍摄。',
      en: 'The photo shows {value} faces; it must show only you. Take the photo alone.',
    },
  },
  photo_turned: {
    severity: 'warn',
    measure: 'clockwise turn applied to a photo stored sideways, degrees',
    message: {
      zh: '照片是横着保存的，已自动转正（顺时针 {value}°）。请确认结果方向正确；如不正确，请用手机相机重新拍摄。',
      en: 'The photo was stored sideways and has been turned upright ({value}° clockwise). Check that the result is the right way up; if not, take the photo again with the phone camera.',
    },
  },
  face_too_small: {
    severity: 'reject',
    measure: 'face width in the original, px',
    message: {
      zh: '人脸太小（宽 {value} 像素，至少需要 {threshold} 像素）。请靠近一些或使用更高的分辨率拍摄。',
      en: 'Your face is too small ({value} px wide, at least {threshold} px needed). Move closer or use a higher resolution.',
    },
  },
  head_turned: {
    severity: 'reject',
    measure: 'head yaw, degrees',
    message: {
      zh: '头部向一侧转动（{value}°，最多 {threshold}°）。请正对镜头，双耳对称可见。',
      en: 'Your head is turned to the side ({value}°, at most {threshold}°). Face the camera straight on.',
    },
  },
  head_tilted: {
    severity: 'reject',
    measure: 'pupil line tilt, degrees',
    message: {
      zh: '头部歪斜（{value}°，最多可自动校正 {threshold}°）。请保持头部端正，双眼保持水平。',
      en: 'Your head is tilted ({value}°; up to {threshold}° can be corrected). Hold your head upright with your eyes level.',
    },
  },
  head_pitched: {
    severity: 'reject',
    measure: 'head pitch, degrees',
    message: {
      zh: '头部抬起或低下（{value}°，最多 {threshold}°）。请平视镜头，下巴不要抬高或压低。',
      en: 'You are looking up or down ({value}°, at most {threshold}°). Look straight into the camera with your chin level.',
    },
  },
  eyes_closed: {
    severity: 'reject',
    measure: 'eye openness (aspect ratio)',
    message: {
      zh: '眼睛闭合或半闭（睁眼程度 {value}，至少 {threshold}）。请自然睁开双眼再拍。',
      en: 'Your eyes look closed ({value}, at least {threshold} needed). Keep your eyes open naturally.',
    },
  },
  eyes_covered: {
    severity: 'reject',
    measure: 'share of the eye boxes showing skin-coloured pixels (also fails on a dark eye region)',
    message: {
      zh: '眼睛被遮挡（可能佩戴了墨镜或有色眼镜）。请摘下墨镜，露出双眼。',
      en: 'Your eyes are covered (sunglasses or tinted glasses?). Take them off so both eyes are visible.',
    },
  },
  blurry: {
    severity: 'reject',
    measure: 'face sharpness (Laplacian variance at output scale)',
    message: {
      zh: '照片不够清晰（清晰度 {value}，至少 {threshold}）。请对焦到脸部，保持手机稳定，光线充足。',
      en: 'The photo is not sharp ({value}, at least {threshold}). Focus on your face, hold the phone still and use good light.',
    },
  },
  too_dark: {
    severity: 'reject',
    measure: 'mean face brightness 0–255',
    message: {
      zh: '脸部太暗（亮度 {value}，至少 {threshold}）。请在光线充足、均匀的地方拍摄。',
      en: 'Your face is too dark (brightness {value}, at least {threshold}). Take the photo in bright, even light.',
    },
  },
  overexposed: {
    severity: 'reject',
    measure: 'share of blown-out face pixels',
    message: {
      zh: '脸部曝光过度（过曝比例 {value}，最多 {threshold}）。请避免强光直射或闪光灯。',
      en: 'Your face is overexposed ({value} blown out, at most {threshold}). Avoid direct strong light or flash.',
    },
  },
  uneven_light: {
    severity: 'reject',
    measure: 'brightness ratio of the darker to the brighter face half',
    message: {
      zh: '脸部光线不均匀（阴阳脸，两侧亮度比 {value}，至少 {threshold}）。请面向光源，让光线均匀照亮整张脸。',
      en: 'The light on your face is uneven (one side darker: ratio {value}, at least {threshold}). Face the light so both sides are evenly lit.',
    },
  },
  greyscale: {
    severity: 'reject',
    measure: 'colour of the skin: max − min of its median R, G, B (0–255)',
    message: {
      zh: '照片是黑白的或几乎没有颜色（肤色色度 {value}，至少 {threshold}）。学历照片必须是彩色照片。请关闭黑白或滤镜效果，用手机原相机重新拍摄。',
      en: 'The photo is black and white or almost colourless (skin colour {value}, at least {threshold}). The diploma photo must be in colour. Turn off black-and-white or other filters and take it again with the normal camera.',
    },
  },
  clothes_close_to_background: {
    severity: 'reject',
    measure:
      'share of the outline where clothes or hair match the wall colour and the segmentation is unsure too',
    message: {
      zh: '衣服或头发颜色与背景太接近，无法干净地抠图（会出现"黑边"）。请换一件与背景颜色反差明显的衣服，或换一面墙。',
      en: 'Your clothes or hair are too close to the background colour to cut out cleanly. Wear clothes that contrast with the wall, or use another wall.',
    },
  },
  busy_background: {
    severity: 'warn',
    measure: 'background busyness 0–1',
    message: {
      zh: '背景比较杂乱（{value}）。已自动替换背景，但在纯色墙前拍摄效果更好。',
      en: 'The background is busy ({value}). It was replaced, but a plain wall gives a better result.',
    },
  },
  matte_unreliable: {
    severity: 'reject',
    measure: 'share of the face the person matte covers',
    message: {
      zh: '无法把人像与背景干净地分开（脸部只识别出 {value}，至少需要 {threshold}）。请在纯色、光线均匀的墙前重新拍摄。',
      en: 'You could not be separated cleanly from the background (only {value} of the face found, at least {threshold}). Take the photo again in front of a plain, evenly lit wall.',
    },
  },
  hair_outline_unclear: {
    severity: 'reject',
    measure: 'height above the head where the segmentation is unsure, as a share of the face height',
    message: {
      zh: '头顶的头发和背景分不清（头顶以上有 {value} 个脸高的区域无法确定，最多 {threshold}）。请在纯色、没有亮斑的墙前重新拍摄。',
      en: 'The top of your hair cannot be told apart from the background ({value} of a face height above your head is uncertain, at most {threshold}). Take the photo again in front of a plain wall without bright spots.',
    },
  },
  body_cropped: {
    severity: 'reject',
    measure: 'placement margin with the figure reaching the bottom edge',
    message: {
      zh: '照片下方拍到的身体太少（需要露出肩膀和上胸部）。请离远一些，拍到肩膀以下。',
      en: 'Too little of your shoulders and chest is in the photo. Step back so your shoulders and upper chest are visible.',
    },
  },
  head_cropped: {
    severity: 'reject',
    measure: 'rows between the top of the head and the top edge, px',
    message: {
      zh: '头顶被裁掉了。请让头顶（包括头发）上方留出一些空间再拍。',
      en: 'The top of your head is cut off. Leave some space above your head (including hair).',
    },
  },
  head_position: {
    severity: 'reject',
    measure: 'placement margin (head top, eye line, face width)',
    message: {
      zh: '无法把头部调整到规定的位置和大小（{value}）。请正对镜头、头部端正，头顶上方和肩膀下方都留出空间。',
      en: 'Your head cannot be placed at the required position and size ({value}). Face the camera upright with space above your head and below your shoulders.',
    },
  },
  glasses_glare: {
    severity: 'warn',
    measure: 'share of glare pixels in the eye regions',
    message: {
      zh: '眼镜上有反光（{value}）。请调整角度或光源，避免镜片反光遮挡眼睛。',
      en: 'There is glare on your glasses ({value}). Change the angle or light so the lenses do not reflect.',
    },
  },
  recaptured: {
    severity: 'warn',
    measure: 'moiré / screen pattern strength',
    message: {
      zh: '这张照片可能是翻拍的纸质照片或屏幕。请直接拍摄本人。',
      en: 'This looks like a photo of a printed photo or a screen. Take a new photo of yourself.',
    },
  },
};

/** Fill a code's message template with a measured value and threshold. */
export function checkMessage(
  code: CheckCode,
  value: number | string | null,
  threshold: number | string | null,
): LocalizedMessage {
  const m = CHECK_DEFINITIONS[code].message;
  const fill = (s: string): string =>
    s
      .replaceAll('{value}', value === null ? '—' : String(value))
      .replaceAll('{threshold}', threshold === null ? '—' : String(threshold));
  return { zh: fill(m.zh), en: fill(m.en) };
}
