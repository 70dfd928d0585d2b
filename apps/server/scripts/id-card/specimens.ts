import { idCheckChar } from '@gradphoto/contracts/id-number';

/** A made-up person for a specimen ID card front (人像面). Numbers are invented but carry a valid check digit. */
export interface Specimen {
  key: string;
  name: string;
  sex: '男' | '女';
  ethnicity: string;
  birth: { year: number; month: number; day: number };
  /** The address as it wraps on the card (about 11 characters a line). */
  address: string[];
  idNumber: string;
}

function specimen(s: Omit<Specimen, 'idNumber' | 'birth'> & { region: string; birth: string; seq: string }): Specimen {
  const first17 = `${s.region}${s.birth}${s.seq}`;
  const [year, month, day] = [s.birth.slice(0, 4), s.birth.slice(4, 6), s.birth.slice(6, 8)].map(Number) as [number, number, number];
  return {
    key: s.key,
    name: s.name,
    sex: s.sex,
    ethnicity: s.ethnicity,
    birth: { year, month, day },
    address: s.address,
    idNumber: first17 + idCheckChar(first17),
  };
}

export const SPECIMENS: Specimen[] = [
  specimen({ key: 'wang', name: '王晓明', sex: '男', ethnicity: '汉', region: '330106', birth: '20040307', seq: '013', address: ['浙江省杭州市西湖区文三', '路138号5幢2单元601室'] }),
  specimen({ key: 'chen', name: '陈思远', sex: '男', ethnicity: '汉', region: '110108', birth: '20031122', seq: '019', address: ['北京市海淀区学院路甲', '29号院3号楼1102号'] }),
  specimen({ key: 'liu', name: '刘欣怡', sex: '女', ethnicity: '回', region: '440305', birth: '20050618', seq: '012', address: ['广东省深圳市南山区粤海', '街道科苑南路88号', '星河花园7栋503'] }),
  specimen({ key: 'lin', name: '林雨桐', sex: '女', ethnicity: '汉', region: '510107', birth: '20040915', seq: '014', address: ['四川省成都市武侯区玉林', '北路16号附2号'] }),
  specimen({ key: 'ouyang', name: '欧阳子涵', sex: '男', ethnicity: '满', region: '420111', birth: '20031201', seq: '013', address: ['湖北省武汉市洪山区珞喻', '路466号12栋2门301号'] }),
];
