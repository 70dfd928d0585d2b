/**
 * 学历 levels and categories as the student's form offers them. Kept free of zod so the web app can show
 * the choices without bundling the schemas (journey.ts validates with them and re-exports them).
 */
export const EducationLevels = ['专科', '本科', '硕士研究生', '博士研究生'] as const;
export const EducationCategories = [
  '普通全日制',
  '非全日制',
  '成人教育',
  '自学考试',
  '网络教育',
  '开放教育',
] as const;
