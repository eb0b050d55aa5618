import type { CatalogLinkKind, CatalogPillar } from '../../common/constants/catalog.js';

/**
 * The services catalog a new installation starts with: the apps and portals the seed articles name (VNeID, C-Thái
 * Nguyên, Thái Nguyên ID, VssID, Sổ sức khỏe điện tử, Sổ tay Đảng viên, VBSP Smart Banking, the national and the
 * provincial public-service portals, e-payment, e-commerce) with one guide each.
 *
 * Links: no link is marked verified here. The store addresses below were seen only in third-party public copies
 * (an encyclopedia article citing the store listings, public code), never in an official page or store listing
 * checked for this seed, so they ship as "Chưa kiểm chứng" until a province administrator checks them on the store
 * and records when and where. Apps whose store addresses were not found have none: people are told to search the
 * store by name and check the publisher.
 *
 * Steps are phrased as the apps present them in general terms; exact menu names change between versions.
 */

export interface SeedGuide {
  title: string;
  titleEn: string;
  summary: string;
  steps: string[];
}
export interface SeedService {
  slug: string;
  /** 'all': every province's catalog; else only that province's (a provincial app). */
  province: 'all' | string;
  name: string;
  nameEn: string;
  publisher: string;
  publisherEn: string;
  pillar: CatalogPillar;
  purpose: string;
  purposeEn: string;
  links: { kind: CatalogLinkKind; url: string }[];
  guides: SeedGuide[];
}

/** The date these guides were written and read through. */
export const SEED_REVIEWED_ON = '2026-12-01';

const CHECK_PUBLISHER =
  'Xem kỹ tên nhà phát hành trước khi bấm cài đặt; không cài ứng dụng từ đường link gửi qua tin nhắn hay mạng xã hội.';
const NO_SECRETS =
  'Không cho ai biết mật khẩu, mã OTP hay mã bảo vệ. Cán bộ và thành viên tổ công nghệ số không bao giờ hỏi các mã này.';

export const SEED_CATALOG: SeedService[] = [
  {
    slug: 'vneid',
    province: 'all',
    name: 'VNeID',
    nameEn: 'VNeID',
    publisher: 'Bộ Công an (Trung tâm dữ liệu quốc gia về dân cư)',
    publisherEn: 'Ministry of Public Security (National Population Data Center)',
    pillar: 'government',
    purpose:
      'Ứng dụng định danh điện tử quốc gia: thẻ căn cước điện tử, tích hợp giấy tờ (giấy phép lái xe, thẻ bảo hiểm y tế…), đăng nhập Cổng Dịch vụ công và thực hiện một số thủ tục như thông báo lưu trú.',
    purposeEn:
      'The national electronic identification app: electronic ID card, linked documents (driving licence, health insurance card…), sign-in to the National Public Service Portal and some procedures such as residence notices.',
    links: [
      { kind: 'google_play', url: 'https://play.google.com/store/apps/details?id=com.vnid' },
      { kind: 'app_store', url: 'https://apps.apple.com/vn/app/vneid/id1582750372' },
      { kind: 'website', url: 'https://vneid.gov.vn/' },
    ],
    guides: [
      {
        title: 'Kích hoạt tài khoản định danh điện tử mức 2 trên VNeID',
        titleEn: 'Activate a level-2 electronic identification account in VNeID',
        summary:
          'Dành cho người đã đăng ký tài khoản định danh điện tử mức 2 tại cơ quan công an và nhận được tin nhắn thông báo.',
        steps: [
          'Chuẩn bị thẻ căn cước (hoặc căn cước công dân gắn chíp) và điện thoại dùng số thuê bao chính chủ đã khai khi đăng ký định danh điện tử. Nếu chưa đăng ký mức 2, người dân đến công an xã, phường để được hướng dẫn.',
          `Tải ứng dụng VNeID từ Google Play (điện thoại Android) hoặc App Store (iPhone). ${CHECK_PUBLISHER} Nhà phát hành là Trung tâm dữ liệu quốc gia về dân cư (Bộ Công an).`,
          'Mở ứng dụng, chọn kích hoạt tài khoản; nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện thoại đã đăng ký.',
          'Nhập mã kích hoạt (OTP) được gửi qua tin nhắn SMS đến số điện thoại đó.',
          'Đặt mật khẩu theo yêu cầu hiện trên màn hình, nhập lại để xác nhận.',
          'Tạo mã bảo vệ (passcode) gồm 6 chữ số; ghi nhớ mã này để mở giấy tờ trong ứng dụng.',
          'Đăng nhập và kiểm tra thông tin cá nhân, thẻ căn cước điện tử hiển thị đúng. Thông tin sai thì báo công an xã, phường.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'c-thai-nguyen',
    province: '19',
    name: 'C-Thái Nguyên',
    nameEn: 'C-Thai Nguyen',
    publisher: 'UBND tỉnh Thái Nguyên',
    publisherEn: 'Thai Nguyen Provincial People’s Committee',
    pillar: 'government',
    purpose:
      'Nền tảng công dân số của tỉnh: gửi phản ánh hiện trường đến chính quyền, theo dõi kết quả xử lý, xem thông tin và tiện ích của tỉnh.',
    purposeEn:
      'The province’s digital citizen platform: send field reports to the authorities, follow how they are handled, read provincial information and services.',
    links: [],
    guides: [
      {
        title: 'Gửi phản ánh trên C-Thái Nguyên',
        titleEn: 'Send a report with C-Thai Nguyen',
        summary: 'Phản ánh những việc cần chính quyền xử lý: đường hỏng, rác thải, đèn chiếu sáng, an ninh trật tự…',
        steps: [
          `Tìm "C-Thai Nguyen" trên Google Play hoặc App Store và cài đặt. ${CHECK_PUBLISHER}`,
          'Mở ứng dụng, đăng ký hoặc đăng nhập bằng số điện thoại theo hướng dẫn trên màn hình.',
          'Chọn chức năng phản ánh hiện trường, rồi chọn lĩnh vực phù hợp với việc cần phản ánh.',
          'Mô tả ngắn gọn, đúng sự việc: ở đâu, việc gì, từ khi nào. Không ghi thông tin cá nhân của người khác.',
          'Chụp hoặc chọn ảnh rõ nét; cho phép ứng dụng lấy vị trí hoặc chọn vị trí trên bản đồ.',
          'Kiểm tra lại nội dung, bấm gửi và ghi nhớ mã phản ánh.',
          'Theo dõi trạng thái trong ứng dụng; khi có kết quả, đọc câu trả lời và đánh giá mức độ hài lòng.',
        ],
      },
    ],
  },
  {
    slug: 'thai-nguyen-id',
    province: '19',
    name: 'Thái Nguyên ID',
    nameEn: 'Thai Nguyen ID',
    publisher: 'UBND tỉnh Thái Nguyên',
    publisherEn: 'Thai Nguyen Provincial People’s Committee',
    pillar: 'society',
    purpose: 'Nền tảng xã hội số của tỉnh: một tài khoản của người dân để dùng các dịch vụ số do tỉnh cung cấp.',
    purposeEn: 'The province’s digital society platform: one account for the digital services the province provides.',
    links: [],
    guides: [
      {
        title: 'Cài đặt và đăng ký tài khoản Thái Nguyên ID',
        titleEn: 'Install Thai Nguyen ID and create an account',
        summary: 'Các bước chung; màn hình có thể khác đôi chút giữa các phiên bản.',
        steps: [
          `Tìm "Thai Nguyen ID" trên Google Play hoặc App Store và cài đặt. ${CHECK_PUBLISHER}`,
          'Mở ứng dụng, chọn đăng ký tài khoản.',
          'Nhập họ tên, số điện thoại và các thông tin được hỏi; kiểm tra kỹ trước khi tiếp tục.',
          'Nhập mã xác thực (OTP) gửi về số điện thoại.',
          'Đặt mật khẩu và ghi nhớ; đăng nhập để xem các dịch vụ của tỉnh.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'vssid',
    province: 'all',
    name: 'VssID – Bảo hiểm xã hội số',
    nameEn: 'VssID – Digital social insurance',
    publisher: 'Bảo hiểm xã hội Việt Nam',
    publisherEn: 'Vietnam Social Security',
    pillar: 'society',
    purpose:
      'Xem quá trình đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp; dùng thẻ bảo hiểm y tế trên điện thoại; tra cứu và giao dịch với cơ quan bảo hiểm xã hội.',
    purposeEn:
      'See one’s social, health and unemployment insurance history; use the health insurance card on the phone; look things up and deal with the social insurance agency.',
    links: [
      { kind: 'google_play', url: 'https://play.google.com/store/apps/details?id=com.bhxhapp' },
      { kind: 'app_store', url: 'https://apps.apple.com/vn/app/vssid/id1521647264' },
      { kind: 'website', url: 'https://baohiemxahoi.gov.vn/' },
    ],
    guides: [
      {
        title: 'Cài đặt và đăng nhập VssID',
        titleEn: 'Install and sign in to VssID',
        summary: 'Mã số bảo hiểm xã hội là 10 số cuối trên thẻ bảo hiểm y tế.',
        steps: [
          `Vào Google Play hoặc App Store, tìm "VssID" và cài đặt. ${CHECK_PUBLISHER} Nhà phát hành là Bảo hiểm xã hội Việt Nam.`,
          'Mở ứng dụng. Nếu màn hình đăng nhập có lựa chọn đăng nhập bằng tài khoản định danh điện tử (VNeID), người đã có tài khoản mức 2 có thể dùng cách này.',
          'Nếu đăng ký tài khoản giao dịch điện tử: chọn đăng ký, nhập mã số bảo hiểm xã hội, họ tên, số điện thoại và các thông tin được hỏi.',
          'Chụp ảnh chân dung và hai mặt thẻ căn cước theo hướng dẫn, chọn cơ quan bảo hiểm xã hội nơi cư trú để gửi tờ khai.',
          'Chờ tin nhắn báo kết quả và mật khẩu; đăng nhập, đổi mật khẩu ngay lần đầu.',
          'Xem quá trình tham gia, thẻ bảo hiểm y tế và các thông tin khác trong ứng dụng.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'so-suc-khoe-dien-tu',
    province: 'all',
    name: 'Sổ sức khỏe điện tử',
    nameEn: 'Electronic health book',
    publisher: 'Bộ Y tế',
    publisherEn: 'Ministry of Health',
    pillar: 'society',
    purpose:
      'Lưu thông tin sức khỏe của mỗi người: khám chữa bệnh, tiêm chủng, tiền sử bệnh; người dân xem được trên điện thoại (trong ứng dụng VNeID).',
    purposeEn:
      'Each person’s health record: visits, vaccinations, medical history; people see it on their phone (in the VNeID app).',
    links: [],
    guides: [
      {
        title: 'Xem Sổ sức khỏe điện tử trên VNeID',
        titleEn: 'See the electronic health book in VNeID',
        summary: 'Cần tài khoản định danh điện tử mức 2 đã kích hoạt.',
        steps: [
          'Mở ứng dụng VNeID và đăng nhập bằng tài khoản định danh điện tử mức 2.',
          'Tìm mục Sổ sức khỏe điện tử trong các tiện ích của ứng dụng.',
          'Nhập mã bảo vệ (passcode) khi ứng dụng yêu cầu.',
          'Xem thông tin khám chữa bệnh, tiêm chủng đã được cơ sở y tế cập nhật. Thông tin thiếu hoặc sai thì hỏi cơ sở y tế nơi đã khám.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'so-tay-dang-vien',
    province: '19',
    name: 'Sổ tay Đảng viên',
    nameEn: 'Party member handbook',
    publisher: 'Tỉnh ủy Thái Nguyên',
    publisherEn: 'Thai Nguyen Provincial Party Committee',
    pillar: 'government',
    purpose:
      'Sổ tay điện tử cho đảng viên: văn bản, tài liệu sinh hoạt chi bộ, thông báo và lịch sinh hoạt trên điện thoại.',
    purposeEn: 'An electronic handbook for party members: documents, cell meeting materials, notices and schedules.',
    links: [],
    guides: [
      {
        title: 'Cài đặt và đăng nhập Sổ tay Đảng viên',
        titleEn: 'Install and sign in to the party member handbook',
        summary: 'Tài khoản do chi bộ, cấp ủy cung cấp cho đảng viên.',
        steps: [
          `Tìm "Sổ tay Đảng viên" trên Google Play hoặc App Store và cài đặt. ${CHECK_PUBLISHER}`,
          'Mở ứng dụng, đăng nhập bằng tài khoản được chi bộ hoặc cấp ủy cung cấp.',
          'Đổi mật khẩu ở lần đăng nhập đầu tiên và ghi nhớ.',
          'Xem văn bản, tài liệu sinh hoạt và thông báo mới; bật thông báo để không bỏ lỡ lịch sinh hoạt.',
        ],
      },
    ],
  },
  {
    slug: 'vbsp-smart-banking',
    province: 'all',
    name: 'VBSP Smart Banking',
    nameEn: 'VBSP Smart Banking',
    publisher: 'Ngân hàng Chính sách xã hội',
    publisherEn: 'Vietnam Bank for Social Policies',
    pillar: 'economy',
    purpose:
      'Ngân hàng trên điện thoại của Ngân hàng Chính sách xã hội: xem dư nợ, lịch trả nợ, tiền gửi tiết kiệm và giao dịch với ngân hàng.',
    purposeEn:
      'Mobile banking of the Bank for Social Policies: see loans, repayment dates and savings, and deal with the bank.',
    links: [],
    guides: [
      {
        title: 'Đăng ký và sử dụng VBSP Smart Banking',
        titleEn: 'Register for and use VBSP Smart Banking',
        summary: 'Người vay vốn, gửi tiền đăng ký dịch vụ tại ngân hàng trước khi dùng ứng dụng.',
        steps: [
          'Đăng ký dịch vụ ngân hàng trên điện thoại tại điểm giao dịch xã hoặc phòng giao dịch Ngân hàng Chính sách xã hội, mang theo thẻ căn cước.',
          `Tìm "VBSP Smart Banking" trên Google Play hoặc App Store và cài đặt. ${CHECK_PUBLISHER}`,
          'Đăng nhập bằng thông tin ngân hàng cung cấp khi đăng ký, đổi mật khẩu lần đầu.',
          'Xem dư nợ, lịch trả nợ và tiền gửi; giao dịch theo hướng dẫn trên màn hình.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'dich-vu-cong-quoc-gia',
    province: 'all',
    name: 'Cổng Dịch vụ công quốc gia',
    nameEn: 'National Public Service Portal',
    publisher: 'Văn phòng Chính phủ',
    publisherEn: 'Office of the Government',
    pillar: 'government',
    purpose:
      'Nộp hồ sơ thủ tục hành chính trực tuyến, theo dõi kết quả, thanh toán phí, lệ phí mà không phải đến cơ quan nhà nước.',
    purposeEn:
      'Submit administrative procedures online, follow their progress and pay fees without visiting an office.',
    links: [{ kind: 'website', url: 'https://dichvucong.gov.vn/' }],
    guides: [
      {
        title: 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
        titleEn: 'Submit an application on the National Public Service Portal',
        summary: 'Đăng nhập bằng tài khoản định danh điện tử VNeID.',
        steps: [
          'Mở trình duyệt, vào đúng địa chỉ dichvucong.gov.vn (xem kỹ tên miền .gov.vn).',
          'Chọn đăng nhập và đăng nhập bằng tài khoản định danh điện tử (VNeID), xác nhận trên ứng dụng VNeID khi được yêu cầu.',
          'Tìm thủ tục cần làm bằng ô tìm kiếm; chọn đúng cơ quan giải quyết (tỉnh, xã).',
          'Điền tờ khai, đính kèm ảnh chụp hoặc bản điện tử của giấy tờ theo yêu cầu.',
          'Kiểm tra lại, nộp hồ sơ và ghi lại mã hồ sơ.',
          'Thanh toán phí, lệ phí trực tuyến nếu thủ tục có yêu cầu.',
          'Theo dõi tình trạng hồ sơ và nhận kết quả theo hình thức đã chọn.',
        ],
      },
    ],
  },
  {
    slug: 'dich-vu-cong-thai-nguyen',
    province: '19',
    name: 'Cổng dịch vụ công tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen provincial public service portal',
    publisher: 'UBND tỉnh Thái Nguyên',
    publisherEn: 'Thai Nguyen Provincial People’s Committee',
    pillar: 'government',
    purpose:
      'Hệ thống giải quyết thủ tục hành chính của tỉnh: nộp hồ sơ các thủ tục do tỉnh, xã giải quyết và tra cứu tình trạng hồ sơ.',
    purposeEn:
      'The province’s administrative procedures system: submit applications handled by the province and communes, look up their status.',
    links: [],
    guides: [
      {
        title: 'Tra cứu tình trạng hồ sơ trên Cổng dịch vụ công tỉnh',
        titleEn: 'Look up an application on the provincial portal',
        summary: 'Cần mã hồ sơ ghi trên giấy tiếp nhận hoặc tin nhắn.',
        steps: [
          'Hỏi bộ phận một cửa của xã, phường địa chỉ chính thức của Cổng dịch vụ công tỉnh; mở đúng địa chỉ đó (tên miền .gov.vn).',
          'Chọn chức năng tra cứu hồ sơ.',
          'Nhập mã hồ sơ ghi trên giấy tiếp nhận hoặc tin nhắn.',
          'Xem tình trạng và thời hạn giải quyết; khi hồ sơ cần bổ sung, làm theo hướng dẫn của cơ quan giải quyết.',
        ],
      },
    ],
  },
  {
    slug: 'thanh-toan-dien-tu',
    province: 'all',
    name: 'Thanh toán điện tử',
    nameEn: 'Electronic payment',
    publisher: 'Các ngân hàng, tổ chức trung gian thanh toán được Ngân hàng Nhà nước cấp phép',
    publisherEn: 'Banks and payment intermediaries licensed by the State Bank of Vietnam',
    pillar: 'economy',
    purpose:
      'Trả tiền điện, nước, học phí, viện phí và mua bán bằng ứng dụng ngân hàng hoặc ví điện tử, không cần tiền mặt.',
    purposeEn:
      'Pay electricity, water, school and hospital bills and shop with a banking app or e-wallet, without cash.',
    links: [],
    guides: [
      {
        title: 'Thanh toán hóa đơn tiền điện, tiền nước bằng ứng dụng ngân hàng',
        titleEn: 'Pay electricity and water bills with a banking app',
        summary: 'Dùng ứng dụng của ngân hàng nơi mình có tài khoản.',
        steps: [
          `Cài ứng dụng của ngân hàng nơi mình mở tài khoản. ${CHECK_PUBLISHER}`,
          'Đăng nhập, chọn mục thanh toán hóa đơn.',
          'Chọn loại hóa đơn (điện, nước…) và nhà cung cấp; nhập mã khách hàng in trên hóa đơn.',
          'Kiểm tra tên khách hàng và số tiền hiện trên màn hình trước khi xác nhận.',
          'Xác thực giao dịch (mã OTP hoặc sinh trắc học) và lưu lại biên lai.',
          NO_SECRETS,
        ],
      },
    ],
  },
  {
    slug: 'thuong-mai-dien-tu',
    province: 'all',
    name: 'Bán hàng trên sàn thương mại điện tử',
    nameEn: 'Selling on e-commerce platforms',
    publisher: 'Các sàn thương mại điện tử đã đăng ký với Bộ Công Thương',
    publisherEn: 'E-commerce platforms registered with the Ministry of Industry and Trade',
    pillar: 'economy',
    purpose:
      'Giúp hộ sản xuất, kinh doanh đưa nông sản, sản phẩm địa phương lên sàn thương mại điện tử và nhận thanh toán điện tử.',
    purposeEn: 'Helps farms and household businesses sell local products on e-commerce platforms and take e-payments.',
    links: [],
    guides: [
      {
        title: 'Mở gian hàng trên sàn thương mại điện tử',
        titleEn: 'Open a shop on an e-commerce platform',
        summary: 'Các bước chung; mỗi sàn có quy định riêng về giấy tờ và phí.',
        steps: [
          `Chọn một sàn thương mại điện tử uy tín và cài ứng dụng bán hàng của sàn. ${CHECK_PUBLISHER}`,
          'Đăng ký tài khoản người bán bằng số điện thoại, email; khai thông tin chủ gian hàng theo yêu cầu của sàn.',
          'Liên kết tài khoản ngân hàng chính chủ để nhận tiền bán hàng.',
          'Đăng sản phẩm: ảnh thật, rõ nét; tên, mô tả trung thực; giá và cách giao hàng.',
          'Theo dõi đơn hàng, trả lời người mua và giữ đúng cam kết giao hàng.',
          'Đọc kỹ quy định phí của sàn; cẩn thận với người lạ đề nghị chuyển tiền hay "hỗ trợ tăng đơn".',
        ],
      },
    ],
  },
];
