// Short in-app help per screen, in plain Vietnamese (English switchable), with the key words explained.
export type HelpTopic = { key: string; vi: { title: string; text: string }; en: { title: string; text: string } };

export const HELP: HelpTopic[] = [
  {
    key: 'words',
    vi: {
      title: 'Các từ hay dùng',
      text: 'Lô: một đợt hàng cùng loại, cùng ngày, có chung một mã lô — đơn vị để truy xuất và thu hồi. Mẻ sản xuất (mẻ): một lần làm ra thành phẩm từ các lô nguyên liệu; mỗi mẻ tạo lô thành phẩm mới. Công thức: danh sách nguyên liệu và lượng dùng cho một mẻ. Thu hồi: lấy lại hàng đã bán và giữ hàng còn trong kho của các lô có vấn đề. Truy xuất: tìm lô này làm từ đâu (ngược) và đã giao cho ai (xuôi).',
    },
    en: {
      title: 'Key words',
      text: 'Lot: one batch of the same goods, same day, one lot code — what you trace and recall. Batch: one production run turning input lots into new finished lots. Recipe: the inputs and quantities for one batch. Recall: getting back sold goods and holding stock of affected lots. Trace: where a lot came from (backward) and who received it (forward).',
    },
  },
  {
    key: 'home',
    vi: {
      title: 'Trang chủ',
      text: 'Xem việc cần làm hôm nay: hàng sắp hết hạn, lô đang tạm giữ, việc đồng bộ. Bấm vào ô để mở ngay.',
    },
    en: { title: 'Home', text: "Today's work: stock close to expiry, lots on hold, sync. Click a card to open it." },
  },
  {
    key: 'receipts',
    vi: {
      title: 'Nhập hàng',
      text: 'Mỗi lần hàng về ghi một phiếu nhập; mỗi dòng tạo một lô. Ghi mã lô của nhà cung cấp và hạn dùng in trên bao để truy xuất được.',
    },
    en: {
      title: 'Receipts',
      text: "Record a receipt each time goods arrive; each line makes a lot. Note the supplier's lot code and expiry date.",
    },
  },
  {
    key: 'batches',
    vi: {
      title: 'Mẻ sản xuất',
      text: 'Chọn công thức, phần mềm đề xuất lô nguyên liệu hết hạn trước dùng trước. Ghi số lượng thực tế làm ra; phần mềm tạo lô thành phẩm và in tem.',
    },
    en: {
      title: 'Batches',
      text: 'Choose a recipe; the app proposes input lots, first-expiring first. Enter the real output; the app makes the finished lots and labels.',
    },
  },
  {
    key: 'recipes',
    vi: {
      title: 'Công thức',
      text: 'Chỉ chủ cơ sở sửa công thức. Mỗi lần sửa tạo một phiên bản mới; các mẻ cũ giữ phiên bản đã dùng.',
    },
    en: {
      title: 'Recipes',
      text: 'Only the owner edits recipes. Each edit makes a new version; old batches keep theirs.',
    },
  },
  {
    key: 'shipments',
    vi: {
      title: 'Xuất hàng',
      text: 'Chọn khách hàng và quét hoặc chọn lô giao đi. Lô đang tạm giữ hoặc hết hạn không xuất được, trừ khi chủ cơ sở cho phép và ghi lý do.',
    },
    en: {
      title: 'Shipments',
      text: 'Choose the customer and scan or pick the lots. Held or expired lots cannot ship unless the owner allows it with a reason.',
    },
  },
  {
    key: 'trace',
    vi: {
      title: 'Truy xuất và thu hồi',
      text: 'Gõ hoặc quét mã lô để xem nguyên liệu, mẻ, khách hàng. Khi cần thu hồi, chủ cơ sở bấm "Bắt đầu thu hồi", tạm giữ các lô và xuất biên bản.',
    },
    en: {
      title: 'Trace and recall',
      text: 'Type or scan a lot code to see inputs, batches, customers. For a recall the owner clicks "Start recall", holds the lots and exports the record.',
    },
  },
  {
    key: 'import',
    vi: {
      title: 'Nhập từ Excel',
      text: 'Tải tệp mẫu, điền mỗi dòng một mục, chọn tệp. Phần mềm chỉ ra lỗi theo dòng và cột; chưa nhập gì cho đến khi tệp đúng hoặc bạn chọn chỉ nhập các dòng đúng.',
    },
    en: {
      title: 'Import from Excel',
      text: 'Download the template, one item per row, choose the file. Problems are shown by row and column; nothing is imported until the file is clean or you choose the valid rows only.',
    },
  },
  {
    key: 'backup',
    vi: {
      title: 'Sao lưu',
      text: 'Phần mềm tự sao lưu mỗi ngày. Nên chép thêm ra USB mỗi tuần. Khôi phục luôn sao lưu dữ liệu hiện tại trước, nên có thể làm lại.',
    },
    en: {
      title: 'Backups',
      text: 'The app backs up every day. Copy to a USB stick weekly too. A restore always backs up the current data first, so it can be undone.',
    },
  },
  {
    key: 'users',
    vi: {
      title: 'Người dùng',
      text: 'Chủ cơ sở thêm nhân viên với mã PIN riêng. Nhân viên nhập hàng, sản xuất, xuất hàng và in tem; không sửa công thức, mẫu tem, cài đặt cổng, người dùng và không lưu trữ (xoá) dữ liệu.',
    },
    en: {
      title: 'Users',
      text: 'The owner adds staff with their own PIN. Staff receive, produce, ship and print; they cannot change recipes, label templates, portal settings, users, or archive data.',
    },
  },
];
