/**
 * The courses every installation starts with (Bình dân học vụ số), published by the province. General, practical
 * content: what each service is for and how it is used safely; no figures or procedures that change often. Lesson
 * bodies are Markdown (rendered at seed time like a publication). `services` are catalog slugs (linked when present).
 */
export interface SeedQuestion {
  text: string;
  kind: 'single' | 'multiple';
  options: string[];
  /** Indexes of the right options. */
  correct: number[];
  explanation: string;
}
export interface SeedCourse {
  key: string;
  title: string;
  description: string;
  audiences: ('official' | 'youth_union' | 'team_member' | 'resident' | 'student' | 'other')[];
  services: string[];
  lessons: { title: string; minutes: number; markdown: string }[];
  quiz: { passPercent: number; maxAttempts: number | null; questions: SeedQuestion[] };
}

const everyone: SeedCourse['audiences'] = ['official', 'youth_union', 'team_member', 'resident', 'student', 'other'];

export const SEED_COURSES: SeedCourse[] = [
  {
    key: 'vneid',
    title: 'Sử dụng ứng dụng VNeID',
    description:
      'Tài khoản định danh điện tử trên ứng dụng VNeID: kích hoạt, các tiện ích thường dùng và cách giữ tài khoản an toàn.',
    audiences: everyone,
    services: ['vneid'],
    lessons: [
      {
        title: 'VNeID và tài khoản định danh điện tử',
        minutes: 8,
        markdown: `VNeID là ứng dụng định danh và xác thực điện tử do **Bộ Công an** phát triển. Mỗi công dân có một tài khoản định danh điện tử gắn với **số định danh cá nhân** (12 số, in trên thẻ căn cước).

Tài khoản có hai mức:

- **Mức 1**: tự đăng ký trên ứng dụng; dùng được một số tiện ích cơ bản.
- **Mức 2**: đăng ký tại cơ quan Công an (thường cùng lúc làm thẻ căn cước), có thu nhận ảnh chân dung và vân tay; dùng được đầy đủ tiện ích, kể cả đăng nhập Cổng Dịch vụ công quốc gia và xuất trình giấy tờ điện tử.

Tài khoản mức 2 có giá trị như giấy tờ tùy thân khi xuất trình trên ứng dụng, trong các trường hợp pháp luật cho phép.`,
      },
      {
        title: 'Cài đặt và kích hoạt tài khoản',
        minutes: 10,
        markdown: `1. Tải ứng dụng **VNeID** từ **CH Play** (Android) hoặc **App Store** (iPhone). Chỉ tải từ kho ứng dụng chính thức, không cài từ đường link người lạ gửi.
2. Mở ứng dụng, chọn **Kích hoạt tài khoản định danh điện tử**.
3. Nhập **số định danh cá nhân** và **số điện thoại** đã đăng ký khi làm thủ tục tại Công an; có thể quét mã QR trên thẻ căn cước.
4. Nhập **mã kích hoạt (OTP)** gửi qua tin nhắn đến số điện thoại của bạn.
5. Đặt **mật khẩu** và **mã bảo vệ (passcode)** gồm 6 chữ số. Ghi nhớ, không viết ra giấy để cạnh điện thoại.
6. Làm theo các bước xác thực trên màn hình (ví dụ chụp ảnh khuôn mặt) cho đến khi ứng dụng báo thành công.

Nếu chưa có tài khoản mức 2 hoặc số điện thoại đã thay đổi, hãy đến Công an cấp xã nơi cư trú để được hỗ trợ.`,
      },
      {
        title: 'Các tiện ích thường dùng',
        minutes: 10,
        markdown: `Sau khi đăng nhập, bạn có thể:

- **Ví giấy tờ**: xem và xuất trình thẻ căn cước điện tử; tích hợp một số giấy tờ khác như giấy phép lái xe, thẻ bảo hiểm y tế khi đã được cơ quan quản lý đồng bộ.
- **Dịch vụ công**: thực hiện một số thủ tục của ngành Công an (ví dụ thông báo lưu trú, đăng ký cư trú) ngay trên ứng dụng.
- **Đăng nhập dịch vụ khác**: dùng tài khoản VNeID để đăng nhập Cổng Dịch vụ công quốc gia và các hệ thống có hỗ trợ.
- **Thông tin cư trú và thông báo** từ cơ quan Công an.

Tiện ích trên ứng dụng được bổ sung theo từng thời kỳ; hãy cập nhật ứng dụng thường xuyên để có phiên bản mới nhất.`,
      },
      {
        title: 'Giữ tài khoản an toàn',
        minutes: 7,
        markdown: `- **Không cung cấp** mật khẩu, mã bảo vệ hay mã OTP cho bất kỳ ai, kể cả người xưng là cán bộ Công an. Cơ quan Công an không gọi điện yêu cầu cài đặt hay kích hoạt VNeID qua đường link.
- **Không cài** ứng dụng VNeID "phiên bản mới" do người lạ gửi qua tin nhắn, Zalo hay mạng xã hội: đó là thủ đoạn chiếm quyền điều khiển điện thoại.
- Khi mất điện thoại hoặc nghi bị lộ tài khoản, hãy báo ngay cho Công an cấp xã để được hướng dẫn **khóa tài khoản**.
- Đặt khóa màn hình cho điện thoại và cập nhật hệ điều hành.`,
      },
    ],
    quiz: {
      passPercent: 80,
      maxAttempts: null,
      questions: [
        {
          text: 'Ứng dụng VNeID do cơ quan nào phát triển?',
          kind: 'single',
          options: ['Bộ Công an', 'Bộ Y tế', 'Ngân hàng Nhà nước Việt Nam', 'Một công ty quảng cáo'],
          correct: [0],
          explanation: 'VNeID là ứng dụng định danh và xác thực điện tử của Bộ Công an.',
        },
        {
          text: 'Tài khoản định danh điện tử mức 2 được đăng ký ở đâu?',
          kind: 'single',
          options: [
            'Tự đăng ký trên ứng dụng, không cần đến cơ quan nào',
            'Tại cơ quan Công an, có thu nhận ảnh chân dung và vân tay',
            'Qua một đường link gửi bằng tin nhắn',
          ],
          correct: [1],
          explanation: 'Mức 2 được đăng ký tại cơ quan Công an, thường cùng lúc làm thẻ căn cước.',
        },
        {
          text: 'Những thông tin nào KHÔNG được cung cấp cho người khác?',
          kind: 'multiple',
          options: ['Mật khẩu VNeID', 'Mã bảo vệ (passcode)', 'Mã OTP gửi qua tin nhắn', 'Tên ứng dụng VNeID'],
          correct: [0, 1, 2],
          explanation: 'Mật khẩu, passcode và OTP chỉ chủ tài khoản được biết.',
        },
        {
          text: 'Một người xưng là cán bộ Công an gọi điện, gửi đường link để "cập nhật VNeID". Bạn nên làm gì?',
          kind: 'single',
          options: [
            'Bấm vào link và làm theo hướng dẫn',
            'Không bấm link, kết thúc cuộc gọi và liên hệ Công an cấp xã nơi cư trú',
            'Gửi mã OTP để họ cập nhật hộ',
          ],
          correct: [1],
          explanation: 'Cơ quan Công an không hướng dẫn cài đặt, kích hoạt VNeID qua điện thoại hay đường link.',
        },
        {
          text: 'Nên tải ứng dụng VNeID từ đâu?',
          kind: 'multiple',
          options: ['CH Play', 'App Store', 'Tệp cài đặt người lạ gửi qua Zalo'],
          correct: [0, 1],
          explanation: 'Chỉ tải từ kho ứng dụng chính thức của điện thoại.',
        },
      ],
    },
  },
  {
    key: 'dich-vu-cong',
    title: 'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
    description:
      'Đăng nhập bằng tài khoản VNeID, tìm thủ tục, chuẩn bị và nộp hồ sơ trực tuyến, thanh toán lệ phí và theo dõi kết quả.',
    audiences: everyone,
    services: ['dich-vu-cong-quoc-gia', 'vneid', 'dich-vu-cong-thai-nguyen'],
    lessons: [
      {
        title: 'Cổng Dịch vụ công quốc gia làm được gì',
        minutes: 6,
        markdown: `Cổng Dịch vụ công quốc gia có địa chỉ **[dichvucong.gov.vn](https://dichvucong.gov.vn)**. Trên Cổng, người dân và doanh nghiệp có thể:

- **Tra cứu** thủ tục hành chính: hồ sơ gồm những gì, nộp ở đâu, lệ phí, thời hạn giải quyết;
- **Nộp hồ sơ trực tuyến** cho cơ quan ở trung ương, tỉnh hoặc xã;
- **Thanh toán trực tuyến** phí, lệ phí và một số nghĩa vụ tài chính;
- **Theo dõi** tình trạng hồ sơ, nhận thông báo và **đánh giá** việc giải quyết.

Luôn gõ đúng địa chỉ có đuôi **.gov.vn**; cẩn thận với trang giả mạo có tên gần giống.`,
      },
      {
        title: 'Đăng nhập bằng tài khoản định danh điện tử',
        minutes: 6,
        markdown: `1. Vào **dichvucong.gov.vn**, chọn **Đăng nhập**.
2. Chọn đăng nhập bằng **tài khoản định danh điện tử (VNeID)**.
3. Nhập số định danh cá nhân và mật khẩu VNeID, hoặc quét mã QR hiện trên màn hình bằng ứng dụng VNeID trên điện thoại.
4. Xác nhận trên ứng dụng VNeID (nhập mã bảo vệ hoặc mã OTP) khi được yêu cầu.

Dùng tài khoản **của chính mình**. Khi giúp người khác, hãy để họ tự nhập mật khẩu và mã xác nhận trên điện thoại của họ.`,
      },
      {
        title: 'Tìm thủ tục và chuẩn bị hồ sơ',
        minutes: 10,
        markdown: `- Gõ tên thủ tục vào ô tìm kiếm (ví dụ "đăng ký khai sinh"), rồi chọn đúng **cơ quan thực hiện**: tỉnh, xã nơi bạn nộp.
- Đọc kỹ mục **thành phần hồ sơ**, **lệ phí** và **thời hạn giải quyết**.
- Chuẩn bị bản chụp hoặc bản quét giấy tờ **rõ nét, đủ trang, không bị lóa**. Lưu thành tệp PDF hoặc ảnh JPG theo yêu cầu của biểu mẫu.
- Nhiều thông tin (họ tên, ngày sinh, nơi cư trú) được điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư; hãy kiểm tra lại trước khi gửi.

Nếu không tìm thấy thủ tục hoặc không rõ cần giấy tờ gì, có thể hỏi Bộ phận một cửa của xã hoặc tổ công nghệ số cộng đồng.`,
      },
      {
        title: 'Nộp hồ sơ, thanh toán và theo dõi kết quả',
        minutes: 8,
        markdown: `1. Điền biểu mẫu điện tử, tải lên các tệp giấy tờ, chọn **hình thức nhận kết quả** (trực tuyến, qua bưu chính hoặc tại Bộ phận một cửa).
2. Kiểm tra lại toàn bộ thông tin rồi bấm **Nộp hồ sơ**. Ghi lại **mã hồ sơ** được cấp.
3. Nếu thủ tục có lệ phí, chọn **thanh toán trực tuyến** qua ngân hàng hoặc ví điện tử được liên kết với Cổng; giữ lại biên lai điện tử.
4. Vào mục **Quản lý hồ sơ đã nộp** (hoặc tra cứu bằng mã hồ sơ) để theo dõi. Cơ quan giải quyết có thể yêu cầu **bổ sung** giấy tờ: đọc kỹ thông báo và bổ sung đúng hạn.
5. Khi có kết quả, nhận theo hình thức đã chọn và **đánh giá** mức độ hài lòng.`,
      },
    ],
    quiz: {
      passPercent: 80,
      maxAttempts: null,
      questions: [
        {
          text: 'Địa chỉ chính thức của Cổng Dịch vụ công quốc gia là gì?',
          kind: 'single',
          options: ['dichvucong.gov.vn', 'dichvucong-vn.com', 'dvc-online.net'],
          correct: [0],
          explanation: 'Trang của cơ quan nhà nước có đuôi .gov.vn.',
        },
        {
          text: 'Có thể đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản nào?',
          kind: 'single',
          options: [
            'Tài khoản định danh điện tử VNeID',
            'Tài khoản mạng xã hội của người quen',
            'Không cần đăng nhập để nộp hồ sơ',
          ],
          correct: [0],
          explanation: 'Cổng hỗ trợ đăng nhập bằng tài khoản định danh điện tử.',
        },
        {
          text: 'Trước khi nộp, cần đọc kỹ những mục nào của thủ tục?',
          kind: 'multiple',
          options: ['Thành phần hồ sơ', 'Lệ phí', 'Thời hạn giải quyết', 'Số lượt xem của trang'],
          correct: [0, 1, 2],
          explanation: 'Ba mục này cho biết cần chuẩn bị gì, trả bao nhiêu và chờ bao lâu.',
        },
        {
          text: 'Sau khi nộp hồ sơ, nên giữ lại thông tin gì để theo dõi?',
          kind: 'single',
          options: ['Mã hồ sơ', 'Mật khẩu VNeID viết ra giấy', 'Ảnh chụp màn hình trang chủ'],
          correct: [0],
          explanation: 'Mã hồ sơ dùng để tra cứu tình trạng giải quyết.',
        },
        {
          text: 'Cơ quan giải quyết yêu cầu bổ sung giấy tờ. Bạn nên làm gì?',
          kind: 'single',
          options: ['Bỏ qua thông báo', 'Đọc kỹ yêu cầu và bổ sung đúng hạn', 'Nộp một hồ sơ mới giống hệt'],
          correct: [1],
          explanation: 'Bổ sung đúng yêu cầu để hồ sơ tiếp tục được giải quyết.',
        },
      ],
    },
  },
  {
    key: 'chu-ky-so',
    title: 'Chữ ký số',
    description:
      'Chữ ký số là gì, giá trị pháp lý, các hình thức (USB token, SIM, ký từ xa), cách đăng ký, ký và kiểm tra văn bản, bảo quản an toàn.',
    audiences: ['official', 'youth_union', 'team_member', 'resident', 'student'],
    services: ['dich-vu-cong-quoc-gia'],
    lessons: [
      {
        title: 'Chữ ký số là gì',
        minutes: 8,
        markdown: `**Chữ ký số** là một dạng chữ ký điện tử dùng kỹ thuật mật mã với một **cặp khóa**: khóa bí mật (chỉ người ký giữ, dùng để ký) và khóa công khai (ai cũng có thể dùng để kiểm tra chữ ký).

Chữ ký số giúp xác định **ai đã ký** và phát hiện văn bản có **bị sửa sau khi ký** hay không. Thông tin về người ký nằm trong **chứng thư chữ ký số** do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp.

Theo Luật Giao dịch điện tử năm 2023, chữ ký số đáp ứng đủ điều kiện có giá trị pháp lý tương đương chữ ký tay của cá nhân (hoặc chữ ký và con dấu của tổ chức) trên văn bản điện tử.`,
      },
      {
        title: 'Các hình thức chữ ký số',
        minutes: 8,
        markdown: `- **USB token**: khóa bí mật nằm trong một thiết bị cắm vào máy tính; ký bằng cách cắm thiết bị và nhập mã PIN.
- **SIM ký số**: khóa bí mật nằm trong thẻ SIM điện thoại có hỗ trợ; xác nhận ký trên điện thoại.
- **Ký số từ xa**: khóa bí mật được giữ an toàn tại hệ thống của nhà cung cấp; người dùng xác nhận mỗi lần ký bằng ứng dụng trên điện thoại. Tiện cho người thường xuyên ký trên điện thoại.

Có **chữ ký số công cộng** (do các doanh nghiệp được cấp phép cung cấp cho người dân, doanh nghiệp) và **chữ ký số chuyên dùng công vụ** (cấp cho cơ quan, cán bộ trong hệ thống chính trị để ký văn bản điện tử công vụ).`,
      },
      {
        title: 'Đăng ký, ký và kiểm tra văn bản',
        minutes: 10,
        markdown: `**Đăng ký**: chọn một tổ chức cung cấp dịch vụ chứng thực chữ ký số **được cấp phép**, cung cấp giấy tờ tùy thân theo hướng dẫn, ký hợp đồng và nhận thiết bị hoặc kích hoạt ứng dụng ký từ xa. Cán bộ, công chức đăng ký chữ ký số công vụ qua đầu mối của cơ quan mình.

**Ký văn bản**: mở tệp (thường là PDF) bằng phần mềm ký do nhà cung cấp hướng dẫn hoặc trên hệ thống có tích hợp ký số (ví dụ khi nộp hồ sơ dịch vụ công), chọn vị trí chữ ký, xác nhận bằng mã PIN hoặc trên ứng dụng.

**Kiểm tra**: mở văn bản đã ký bằng phần mềm đọc PDF để xem thông tin chữ ký: ai ký, thời điểm ký, chữ ký còn hợp lệ và văn bản có bị sửa sau khi ký hay không.`,
      },
      {
        title: 'Bảo quản chữ ký số an toàn',
        minutes: 6,
        markdown: `- **Không đưa** mã PIN, không cho người khác mượn USB token hay ký hộ: chữ ký số của bạn có giá trị như chữ ký tay của bạn.
- Khi **mất** thiết bị, điện thoại hoặc nghi bị lộ mã, hãy báo ngay cho nhà cung cấp để **tạm dừng hoặc thu hồi** chứng thư.
- Theo dõi **thời hạn** của chứng thư chữ ký số và gia hạn trước khi hết hạn.
- Đọc kỹ nội dung trước khi ký; không ký văn bản do người lạ gửi mà mình không hiểu rõ.`,
      },
    ],
    quiz: {
      passPercent: 80,
      maxAttempts: null,
      questions: [
        {
          text: 'Khóa nào dùng để tạo chữ ký số?',
          kind: 'single',
          options: ['Khóa bí mật của người ký', 'Khóa công khai', 'Mật khẩu thư điện tử'],
          correct: [0],
          explanation: 'Người ký dùng khóa bí mật; người khác dùng khóa công khai để kiểm tra.',
        },
        {
          text: 'Chữ ký số giúp biết được những điều gì?',
          kind: 'multiple',
          options: ['Ai đã ký văn bản', 'Văn bản có bị sửa sau khi ký hay không', 'Văn bản được in trên loại giấy nào'],
          correct: [0, 1],
          explanation: 'Chữ ký số xác định người ký và bảo đảm toàn vẹn nội dung.',
        },
        {
          text: 'Hình thức nào cho phép ký trên điện thoại mà khóa bí mật được giữ tại hệ thống của nhà cung cấp?',
          kind: 'single',
          options: ['USB token', 'Ký số từ xa', 'Chữ ký scan dán vào văn bản'],
          correct: [1],
          explanation: 'Ký số từ xa: xác nhận mỗi lần ký bằng ứng dụng trên điện thoại.',
        },
        {
          text: 'Mất USB token chữ ký số, việc đầu tiên nên làm là gì?',
          kind: 'single',
          options: [
            'Chờ xem có ai trả lại không',
            'Báo ngay nhà cung cấp để tạm dừng hoặc thu hồi chứng thư',
            'Đăng mã PIN lên mạng để tìm',
          ],
          correct: [1],
          explanation: 'Thu hồi kịp thời để không ai dùng chữ ký của bạn.',
        },
        {
          text: 'Một ảnh chụp chữ ký tay dán vào tệp PDF có phải là chữ ký số không?',
          kind: 'single',
          options: ['Có', 'Không'],
          correct: [1],
          explanation: 'Chữ ký số dựa trên mật mã và chứng thư, không phải hình ảnh chữ ký.',
        },
      ],
    },
  },
  {
    key: 'du-lieu-ca-nhan',
    title: 'Bảo vệ dữ liệu cá nhân và nhận diện lừa đảo trực tuyến',
    description:
      'Dữ liệu cá nhân là gì, thói quen giữ an toàn trên mạng, các thủ đoạn lừa đảo thường gặp và cần làm gì khi nghi bị lừa.',
    audiences: everyone,
    services: ['vneid'],
    lessons: [
      {
        title: 'Dữ liệu cá nhân của bạn',
        minutes: 7,
        markdown: `**Dữ liệu cá nhân** là thông tin gắn với một người cụ thể hoặc giúp xác định một người: họ tên, ngày sinh, số định danh cá nhân, số điện thoại, địa chỉ, ảnh chân dung, số tài khoản ngân hàng…

Một số dữ liệu **nhạy cảm** hơn, nếu lộ có thể gây hại lớn: thông tin sức khỏe, tài chính, vị trí, sinh trắc học (vân tay, khuôn mặt).

Việc bảo vệ dữ liệu cá nhân được quy định tại Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân năm 2025. Người dân có quyền được biết dữ liệu của mình được thu thập để làm gì, và có quyền đồng ý hoặc không đồng ý.`,
      },
      {
        title: 'Thói quen giữ an toàn trên mạng',
        minutes: 8,
        markdown: `- Dùng **mật khẩu mạnh** (dài, có chữ hoa, chữ thường, số, ký hiệu), **mỗi tài khoản một mật khẩu**; bật **xác thực hai lớp** cho thư điện tử, mạng xã hội, ngân hàng.
- **Không đăng** ảnh thẻ căn cước, vé máy bay, giấy tờ có mã vạch hay số tài khoản lên mạng xã hội.
- **Cập nhật** hệ điều hành và ứng dụng; chỉ cài ứng dụng từ kho chính thức; cân nhắc trước khi cấp quyền đọc tin nhắn, danh bạ, trợ năng.
- Hạn chế giao dịch ngân hàng khi dùng **Wi-Fi công cộng**.
- Đọc kỹ trước khi điền thông tin vào biểu mẫu, khảo sát, chương trình "nhận quà".`,
      },
      {
        title: 'Các thủ đoạn lừa đảo thường gặp',
        minutes: 10,
        markdown: `- **Giả danh cơ quan nhà nước** (Công an, Tòa án, cơ quan thuế, bảo hiểm xã hội): gọi điện báo bạn liên quan vụ án, cần "xác minh" bằng cách chuyển tiền hoặc cài ứng dụng theo đường link.
- **Đường link giả mạo** ngân hàng, dịch vụ công, nhà mạng: trang trông giống thật, yêu cầu nhập tài khoản, mật khẩu, mã OTP.
- **Việc nhẹ lương cao**, "làm nhiệm vụ" đặt đơn hàng, thả tim: được trả thưởng vài lần đầu, sau đó bị yêu cầu nạp tiền ngày càng lớn.
- **Người thân gặp nạn**: tin nhắn hoặc cuộc gọi video (có thể bị làm giả bằng công nghệ) xin chuyển tiền gấp.
- **Trúng thưởng, quà tặng**, đặt cọc mua hàng giá rẻ bất thường.

Dấu hiệu chung: **gấp gáp**, đòi **giữ bí mật**, yêu cầu **chuyển tiền**, **mã OTP** hoặc **cài ứng dụng lạ**.`,
      },
      {
        title: 'Khi nghi ngờ bị lừa đảo',
        minutes: 6,
        markdown: `1. **Dừng lại**: không chuyển thêm tiền, không cung cấp thêm thông tin, không bấm link.
2. **Kiểm tra** bằng cách tự gọi số điện thoại chính thức của ngân hàng, của cơ quan, hoặc gọi trực tiếp cho người thân.
3. Nếu đã chuyển tiền hoặc lộ thông tin tài khoản: gọi ngay **tổng đài chính thức của ngân hàng** để khóa tài khoản, thẻ; đổi mật khẩu các tài khoản liên quan.
4. **Trình báo** cơ quan Công an nơi gần nhất, mang theo bằng chứng (tin nhắn, số điện thoại, biên lai chuyển tiền).
5. Báo cáo trang web lừa đảo tại **canhbao.khonggianmang.gov.vn** để cảnh báo cho người khác.`,
      },
    ],
    quiz: {
      passPercent: 80,
      maxAttempts: null,
      questions: [
        {
          text: 'Thông tin nào là dữ liệu cá nhân?',
          kind: 'multiple',
          options: ['Số định danh cá nhân', 'Số điện thoại', 'Ảnh chân dung', 'Giá lúa hôm nay'],
          correct: [0, 1, 2],
          explanation: 'Dữ liệu cá nhân là thông tin gắn với hoặc xác định một người cụ thể.',
        },
        {
          text: 'Người gọi xưng là Công an, nói bạn liên quan vụ án và yêu cầu chuyển tiền để "xác minh". Đây là:',
          kind: 'single',
          options: ['Thủ tục bình thường', 'Dấu hiệu lừa đảo', 'Chương trình khuyến mại'],
          correct: [1],
          explanation: 'Cơ quan Công an không yêu cầu chuyển tiền qua điện thoại để xác minh.',
        },
        {
          text: 'Những dấu hiệu nào thường gặp ở cuộc gọi, tin nhắn lừa đảo?',
          kind: 'multiple',
          options: [
            'Thúc giục gấp gáp',
            'Yêu cầu giữ bí mật',
            'Đòi mã OTP hoặc cài ứng dụng lạ',
            'Hẹn bạn đến trụ sở cơ quan để làm việc',
          ],
          correct: [0, 1, 2],
          explanation: 'Gấp gáp, bí mật, đòi OTP hay cài ứng dụng lạ là dấu hiệu điển hình.',
        },
        {
          text: 'Có nên đăng ảnh thẻ căn cước lên mạng xã hội không?',
          kind: 'single',
          options: ['Có, để mọi người biết mình', 'Không, vì có thể bị lợi dụng'],
          correct: [1],
          explanation: 'Ảnh giấy tờ tùy thân có thể bị dùng để mạo danh, vay tiền, mở tài khoản.',
        },
        {
          text: 'Đã lỡ chuyển tiền cho kẻ lừa đảo, nên làm gì trước tiên?',
          kind: 'single',
          options: [
            'Chuyển thêm tiền để "lấy lại" khoản đã mất',
            'Gọi tổng đài chính thức của ngân hàng và trình báo Công an',
            'Im lặng vì ngại',
          ],
          correct: [1],
          explanation: 'Báo ngân hàng để chặn giao dịch và trình báo Công an càng sớm càng tốt.',
        },
        {
          text: 'Mật khẩu nào an toàn hơn?',
          kind: 'single',
          options: [
            '123456',
            'Ngày sinh của mình',
            'Một cụm dài có chữ hoa, chữ thường, số và ký hiệu, chỉ dùng cho một tài khoản',
          ],
          correct: [2],
          explanation: 'Mật khẩu dài, đa dạng ký tự và không dùng lại là khó đoán nhất.',
        },
      ],
    },
  },
  {
    key: 'tri-tue-nhan-tao',
    title: 'Ứng dụng công cụ AI trong công việc hằng ngày',
    description:
      'Trợ lý trí tuệ nhân tạo tạo sinh làm được gì và không làm được gì, cách viết yêu cầu rõ ràng, các việc thường ngày và dùng AI an toàn, có trách nhiệm.',
    audiences: ['official', 'youth_union', 'team_member', 'student', 'resident'],
    services: [],
    lessons: [
      {
        title: 'AI tạo sinh là gì',
        minutes: 7,
        markdown: `**Trí tuệ nhân tạo tạo sinh** (AI tạo sinh) là các công cụ tạo ra văn bản, hình ảnh, âm thanh từ yêu cầu bằng lời của người dùng. Các trợ lý trò chuyện phổ biến có thể trả lời câu hỏi, viết nháp, tóm tắt, dịch và gợi ý ý tưởng.

Cần nhớ:

- AI có thể trả lời **sai nhưng rất tự tin** (thường gọi là "ảo giác"), kể cả bịa ra số liệu, văn bản pháp luật hay nguồn trích dẫn.
- Kiến thức của AI có thể **không cập nhật**; quy định, thủ tục mới nhất phải tra ở nguồn chính thức.
- AI **không thay** người chịu trách nhiệm: người dùng kiểm tra và quyết định.`,
      },
      {
        title: 'Viết yêu cầu rõ ràng',
        minutes: 8,
        markdown: `Một yêu cầu tốt thường có:

1. **Vai trò và bối cảnh**: "Tôi là cán bộ văn hóa xã, cần thông báo cho người dân về…"
2. **Nhiệm vụ cụ thể**: "Viết một thông báo ngắn, dễ hiểu…"
3. **Yêu cầu về hình thức**: độ dài, giọng văn, gạch đầu dòng, bảng.
4. **Ví dụ hoặc dữ liệu** cần dùng (đã bỏ thông tin cá nhân).

Nếu kết quả chưa đạt, hãy **hỏi tiếp** để chỉnh: "ngắn hơn", "thêm ví dụ", "viết cho người cao tuổi dễ hiểu".`,
      },
      {
        title: 'Những việc thường ngày AI hỗ trợ được',
        minutes: 8,
        markdown: `- **Soạn nháp**: thư mời, thông báo, bài tuyên truyền, kế hoạch công việc; người viết sửa lại cho đúng thực tế.
- **Tóm tắt** tài liệu dài thành các ý chính; **lập dàn ý** bài nói.
- **Dịch** và giải thích thuật ngữ; viết lại cho dễ hiểu.
- **Lập danh sách việc**, lịch, câu hỏi ôn tập, câu hỏi thường gặp.
- Gợi ý **công thức bảng tính** và cách trình bày số liệu.

Với mọi kết quả: **đọc lại, đối chiếu với nguồn chính thức**, sửa số liệu và tên riêng trước khi dùng.`,
      },
      {
        title: 'Dùng AI an toàn, có trách nhiệm',
        minutes: 7,
        markdown: `- **Không nhập** dữ liệu cá nhân của người dân (họ tên, số định danh, số điện thoại, hoàn cảnh gia đình), tài liệu nội bộ hay bí mật nhà nước vào công cụ AI công cộng.
- **Kiểm chứng** thông tin, nhất là số liệu, trích dẫn văn bản pháp luật và hướng dẫn thủ tục.
- Tôn trọng **bản quyền**; nói rõ khi nội dung có sự hỗ trợ của AI nếu cơ quan, nhà trường yêu cầu.
- Cảnh giác với **ảnh, video, giọng nói giả** tạo bằng AI: xác minh qua kênh khác trước khi tin hoặc chuyển tiền.`,
      },
    ],
    quiz: {
      passPercent: 75,
      maxAttempts: null,
      questions: [
        {
          text: 'Câu trả lời của trợ lý AI luôn chính xác?',
          kind: 'single',
          options: ['Đúng, AI không bao giờ sai', 'Sai, AI có thể trả lời sai một cách tự tin nên cần kiểm chứng'],
          correct: [1],
          explanation: 'AI có thể "ảo giác": bịa số liệu, nguồn, văn bản.',
        },
        {
          text: 'Một yêu cầu (prompt) tốt nên có những gì?',
          kind: 'multiple',
          options: [
            'Bối cảnh',
            'Nhiệm vụ cụ thể',
            'Yêu cầu về hình thức, độ dài',
            'Số định danh của người dân liên quan',
          ],
          correct: [0, 1, 2],
          explanation: 'Bối cảnh, nhiệm vụ và hình thức giúp AI trả lời đúng ý; không đưa dữ liệu cá nhân.',
        },
        {
          text: 'Thông tin nào KHÔNG nên nhập vào công cụ AI công cộng?',
          kind: 'multiple',
          options: [
            'Danh sách hộ nghèo kèm số điện thoại',
            'Tài liệu mật',
            'Câu hỏi "viết giúp lời mời họp chi bộ ngắn gọn"',
          ],
          correct: [0, 1],
          explanation: 'Dữ liệu cá nhân và tài liệu mật không được đưa vào công cụ công cộng.',
        },
        {
          text: 'AI soạn nháp một thông báo có trích dẫn một nghị định. Bạn nên:',
          kind: 'single',
          options: [
            'Dùng ngay',
            'Kiểm tra số hiệu, nội dung nghị định ở nguồn chính thức trước khi dùng',
            'Xóa trích dẫn và thêm số liệu tự nghĩ ra',
          ],
          correct: [1],
          explanation: 'Trích dẫn pháp luật phải được đối chiếu với văn bản chính thức.',
        },
      ],
    },
  },
];
