/* Audit labels (no zod: the web app imports this file). */

/** Screen labels of the actions the platform records (other domains add theirs; unknown ones show raw). */
export const AUDIT_ACTION_LABELS: Record<string, { vi: string; en: string }> = {
  'account.create': { vi: 'Tạo tài khoản', en: 'Account created' },
  'account.update': { vi: 'Sửa tài khoản', en: 'Account updated' },
  'account.disable': { vi: 'Khóa tài khoản', en: 'Account disabled' },
  'account.enable': { vi: 'Mở khóa tài khoản', en: 'Account enabled' },
  'account.read_personal': { vi: 'Xem thông tin cá nhân', en: 'Personal data read' },
  'account.sign_out_everywhere': { vi: 'Đăng xuất mọi thiết bị', en: 'Signed out everywhere' },
  'account.reset_password': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  'role.grant': { vi: 'Cấp vai trò', en: 'Role granted' },
  'role.revoke': { vi: 'Thu hồi vai trò', en: 'Role revoked' },
  'api_key.create': { vi: 'Tạo khóa API', en: 'API key created' },
  'api_key.revoke': { vi: 'Thu hồi khóa API', en: 'API key revoked' },
  'auth.password_change': { vi: 'Đổi mật khẩu', en: 'Password changed' },
  'auth.password_set': { vi: 'Đặt mật khẩu', en: 'Password set' },
  'auth.totp_enable': { vi: 'Bật xác thực hai lớp', en: 'Two-factor enabled' },
  'auth.totp_disable': { vi: 'Tắt xác thực hai lớp', en: 'Two-factor disabled' },
  'hamlet.create': { vi: 'Thêm thôn, xóm', en: 'Hamlet created' },
  'hamlet.update': { vi: 'Sửa thôn, xóm', en: 'Hamlet updated' },
  'hamlet.retire': { vi: 'Ngừng sử dụng thôn, xóm', en: 'Hamlet retired' },
  'hamlet.merge': { vi: 'Sáp nhập thôn, xóm', en: 'Hamlets merged' },
  'hamlet.import': { vi: 'Nhập danh sách thôn, xóm', en: 'Hamlets imported' },
  'team.create': { vi: 'Thành lập tổ công nghệ số', en: 'Team founded' },
  'team.update': { vi: 'Sửa thông tin tổ công nghệ số', en: 'Team updated' },
  'team.dissolve': { vi: 'Giải thể tổ công nghệ số', en: 'Team dissolved' },
  'team_member.add': { vi: 'Thêm thành viên tổ', en: 'Team member added' },
  'team_member.update': { vi: 'Sửa thông tin thành viên tổ', en: 'Team member updated' },
  'team_member.leave': { vi: 'Thành viên rời tổ', en: 'Team member left' },
  'team_member.account': { vi: 'Tạo tài khoản cho thành viên tổ', en: 'Team member account made' },
  'team.import': { vi: 'Nhập danh sách tổ công nghệ số', en: 'Teams imported' },
  'team.export': { vi: 'Xuất danh sách tổ công nghệ số', en: 'Teams exported' },
  'catalog.service_create': { vi: 'Thêm dịch vụ vào danh mục', en: 'Catalog service added' },
  'catalog.service_update': { vi: 'Sửa dịch vụ trong danh mục', en: 'Catalog service edited' },
  'catalog.links_set': { vi: 'Cập nhật liên kết chính thức', en: 'Official links changed' },
  'catalog.guide_create': { vi: 'Thêm hướng dẫn', en: 'Guide added' },
  'catalog.guide_update': { vi: 'Sửa hướng dẫn', en: 'Guide edited' },
  'catalog.step_image_set': { vi: 'Đặt ảnh cho bước hướng dẫn', en: 'Guide step image set' },
  'catalog.step_image_remove': { vi: 'Xóa ảnh của bước hướng dẫn', en: 'Guide step image removed' },
  'handling_unit.create': { vi: 'Thêm cơ quan xử lý', en: 'Handling unit created' },
  'handling_unit.update': { vi: 'Sửa cơ quan xử lý', en: 'Handling unit updated' },
  'handling_unit.areas': { vi: 'Cập nhật địa bàn phụ trách', en: 'Served communes changed' },
  'handling_unit.activate': { vi: 'Kích hoạt cơ quan xử lý', en: 'Handling unit activated' },
  'handling_unit.deactivate': { vi: 'Ngừng hoạt động cơ quan xử lý', en: 'Handling unit deactivated' },
  'category.create': { vi: 'Thêm lĩnh vực phản ánh', en: 'Feedback category created' },
  'category.update': { vi: 'Sửa lĩnh vực phản ánh', en: 'Feedback category updated' },
  'routing_rule.set': { vi: 'Đặt quy tắc phân phối', en: 'Routing rule set' },
  'routing_rule.delete': { vi: 'Bỏ quy tắc phân phối', en: 'Routing rule removed' },
  'holiday.add': { vi: 'Thêm ngày nghỉ', en: 'Holiday added' },
  'holiday.remove': { vi: 'Bỏ ngày nghỉ', en: 'Holiday removed' },
  'holiday.fill_defaults': { vi: 'Thêm ngày nghỉ mặc định của năm', en: "A year's default holidays added" },
  'report.read_personal': { vi: 'Xem thông tin cá nhân người phản ánh', en: "Reporter's personal data read" },
  'report.reveal_contact': { vi: 'Xem số điện thoại người phản ánh', en: "Reporter's phone number revealed" },
  'report_photo.blur': { vi: 'Làm mờ ảnh phản ánh', en: 'Report photo blurred' },
  'report_photo.visibility': { vi: 'Đổi trạng thái công khai ảnh', en: 'Report photo visibility changed' },
};

/**
 * Reasons the platform itself records (stored as these keys, shown in the reader's language). A reason typed by a
 * person is stored and shown as typed.
 */
export const AUDIT_REASON_LABELS: Record<string, { vi: string; en: string }> = {
  'report.handling': { vi: 'Xử lý phản ánh', en: 'Handling a report' },
  // Written before reasons had keys.
  'Xử lý phản ánh / Handling a report': { vi: 'Xử lý phản ánh', en: 'Handling a report' },
};
