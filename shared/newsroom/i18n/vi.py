"""Tiếng Việt: every message of the API as the newsroom writes it (the default language).

A reason (`errors[].reason`) is a whole statement that names its field (`label`: "Tiêu
đề là bắt buộc"), so that a list of them reads on its own.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # How lists are said.
    "join.list": ", ",
    "join.or": " hoặc ",
    "join.clauses": "; ",
    # How numbers are written (a template's `{n:,}`): 1.234.567 and 2,5.
    "number.thousands": ".",
    "number.decimal": ",",
    # Words recorded before messages were kept, shown as they were written.
    "said.as_recorded": "{text}",
    # The title of each status a problem has.
    "status.400": "Yêu cầu không hợp lệ",
    "status.401": "Chưa đăng nhập",
    "status.403": "Không được phép",
    "status.404": "Không tìm thấy",
    "status.405": "Phương thức không được hỗ trợ",
    "status.409": "Xung đột",
    "status.412": "Điều kiện tiên quyết không thỏa mãn",
    "status.413": "Nội dung quá lớn",
    "status.415": "Kiểu nội dung không được hỗ trợ",
    "status.422": "Dữ liệu không hợp lệ",
    "status.428": "Thiếu điều kiện tiên quyết",
    "status.500": "Lỗi hệ thống",
    "status.other": "Lỗi",
    # The router.
    "api.sign_in": (
        "Vui lòng đăng nhập lại: yêu cầu này không kèm thông tin đăng nhập hợp lệ. Hãy lấy "
        "mã đăng nhập mới (đăng nhập vào nhóm người dùng của tòa soạn; trên máy chạy thử: "
        "`newsroom token --role editor`) rồi gửi kèm tiêu đề Authorization: Bearer <mã>."
    ),
    "api.body_required": "Yêu cầu này cần có nội dung JSON.",
    "api.method_not_allowed": "Không dùng được phương thức {method} ở đây; hãy dùng {allowed}.",
    "api.no_route": "Không có đường dẫn nào cho {method} {path}.",
    "api.unexpected": "Đã xảy ra lỗi ở phía hệ thống; yêu cầu chưa được thực hiện.",
    # Reading a body.
    "body.not_base64": "Nội dung gửi lên không phải là base64 hợp lệ.",
    "body.too_large": "Nội dung gửi lên có {size} byte; chỉ chấp nhận tối đa {limit} byte.",
    "body.no_content_type": "không có",
    "body.not_json_type": (
        "Hãy gửi nội dung dưới dạng application/json (Content-Type đã gửi: {content_type})."
    ),
    "body.not_utf8": "Nội dung gửi lên không phải là UTF-8 hợp lệ (tại byte {byte}).",
    "body.not_json": (
        "Nội dung gửi lên không phải là JSON hợp lệ: {error} (dòng {line}, cột {column})."
    ),
    "body.too_deep": "Nội dung gửi lên lồng nhau quá {limit} cấp.",
    "body.not_an_object": "Nội dung gửi lên phải là một đối tượng JSON.",
    # Preconditions and retries.
    "etag.missing": (
        "Hãy gửi kèm If-Match với ETag của phiên bản bạn đã đọc (đọc bài viết bằng GET "
        "trước), để không ghi đè lên thay đổi của người khác."
    ),
    "etag.no_version": "If-Match {if_match} không ứng với phiên bản nào của bài viết này.",
    "idempotency.bad_key": "Idempotency-Key phải gồm từ 1 đến {limit} ký tự ASCII in được.",
    "idempotency.just_ended": "Một yêu cầu với Idempotency-Key này vừa kết thúc; hãy gửi lại.",
    "idempotency.reused": (
        "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới."
    ),
    "idempotency.in_progress": (
        "Một yêu cầu với Idempotency-Key này vẫn đang được xử lý; hãy thử lại sau giây lát."
    ),
    # Who may do what.
    "role.reporter": "phóng viên",
    "role.editor": "biên tập viên",
    "role.admin": "quản trị viên",
    "action.read": "xem bài viết",
    "action.create": "tạo bài viết",
    "action.edit": "sửa bài viết",
    "action.submit": "gửi bài viết để duyệt",
    "action.send_back": "trả bài viết về cho phóng viên",
    "action.publish": "xuất bản bài viết",
    "action.unpublish": "gỡ bài viết",
    "action.delete": "xóa bài viết",
    "policy.signed_in_as": "bạn đang đăng nhập với tài khoản {username} ({roles})",
    "policy.no_role": "chưa được giao vai trò nào trong tòa soạn",
    "policy.role_required": "Chỉ {roles} mới được {action}; {signed_in}.",
    "policy.own_drafts_only": (
        "Phóng viên chỉ được sửa bản nháp của chính mình; bài viết này do {author} viết, "
        "còn {signed_in}."
    ),
    "policy.drafts_only": (
        "Phóng viên chỉ được sửa bản nháp; bài viết này {status}. Hãy nhờ biên tập viên."
    ),
    # Articles.
    "article_status.draft": "đang là bản nháp",
    "article_status.in_review": "đang chờ duyệt",
    "article_status.scheduled": "đã được hẹn giờ xuất bản",
    "article_status.published": "đã được xuất bản",
    "article_status.unpublished": "đã bị gỡ",
    "article.not_found": "Không có bài viết nào mang mã '{article_id}'.",
    "article.changed_meanwhile": (
        "Bài viết vừa được người khác thay đổi; hãy đọc lại bài rồi thực hiện lại."
    ),
    "article.changed_try_again": "Bài viết vừa được thay đổi; hãy thực hiện lại.",
    "article.stale_version": (
        "Bài viết đang ở phiên bản {current}, không phải {expected}: đã có người lưu bài sau "
        "khi bạn đọc. Hãy đọc lại bài rồi áp dụng lại thay đổi của bạn."
    ),
    "article.saved_meanwhile": (
        "Có người đã lưu bài viết trong lúc bạn đang lưu. Hãy đọc lại bài rồi áp dụng lại "
        "thay đổi của bạn."
    ),
    "article.category_locked": (
        "Bài viết đã xuất bản không thể chuyển sang chuyên mục khác vì địa chỉ của bài sẽ "
        "thay đổi. Hãy gỡ bài trước."
    ),
    "article.submit_not_draft": "Chỉ bản nháp mới gửi duyệt được; bài viết này {status}.",
    "article.send_back_not_in_review": (
        "Chỉ bài viết đang chờ duyệt mới trả lại được cho phóng viên; bài viết này {status}."
    ),
    "article.publish_at_refused": "{problem}.",
    "article.already_published": (
        "Bài viết đã được xuất bản; hãy gỡ bài trước khi hẹn giờ xuất bản lại."
    ),
    "article.photos_not_ready": (
        "Bài viết còn ảnh chưa sẵn sàng: {names}. Hãy tải lên lại (hoặc thay) các ảnh này, "
        "hoặc bỏ chúng khỏi bài, rồi xuất bản lại; nếu vẫn muốn xuất bản mà không có các "
        'ảnh này, hãy gửi "force": true.'
    ),
    "article.unpublish_not_live": (
        "Chỉ gỡ được bài viết đã xuất bản hoặc đã hẹn giờ xuất bản; bài viết này {status}."
    ),
    "article.delete_published": "Bài viết đã được xuất bản; hãy gỡ bài trước khi xóa.",
    "revision.not_found": (
        "Bài viết không có phiên bản {number}; bài có các phiên bản từ 1 đến {latest}."
    ),
    "revision.not_a_number": (
        "Phiên bản được đánh số 1, 2, 3…; '{number}' không phải là số phiên bản."
    ),
    "listing.bad_cursor": (
        "Con trỏ trang (cursor) này không do hệ thống cấp; hãy xem lại từ trang đầu."
    ),
    # The preview of an article's page (GET and POST /articles/{id}/preview).
    "preview.banner.not_published": "Bản xem trước — chưa đăng",
    "preview.banner.scheduled": "Bản xem trước — hẹn đăng lúc {time}",
    "preview.banner.published": (
        "Bản xem trước — bài đã đăng; bạn đọc đang xem phiên bản đã lưu gần nhất"
    ),
    "preview.unsaved": "Nội dung đang xem chưa được lưu.",
    "preview.photo.awaiting": "Ảnh {name} chưa được tải lên: trang sẽ không có ảnh này.",
    "preview.photo.processing": (
        "Ảnh {name} đang được xử lý: bản xem trước dùng ảnh gốc (nếu trình duyệt hiển thị được)."
    ),
    "preview.photo.rejected": "Ảnh {name} bị từ chối ({reason}): trang sẽ không có ảnh này.",
    # Scheduling.
    "schedule.accepted_range": (
        "hãy chọn thời điểm từ bây giờ ({now}) đến {years} năm sau ({latest})"
    ),
    "schedule.in_the_past": (
        "{label} đã ở trong quá khứ ({time}); để xuất bản ngay, hãy bỏ publish_at; để hẹn "
        "giờ, {accepted}"
    ),
    "schedule.too_far_ahead": ("{label} xa hơn {years} năm kể từ bây giờ ({time}); {accepted}"),
    # Photos.
    "photo.not_found": "Bài viết không có ảnh nào tên '{name}' (các ảnh của bài: {names}).",
    "photo.none": "chưa có ảnh nào",
    "photo.too_many": "Mỗi bài viết chỉ có tối đa {limit} ảnh.",
    "photo.state.awaiting_upload": ("đang chờ tải lên: chưa có tệp nào được tải lên cho ảnh này"),
    "photo.state.ready": "sẵn sàng",
    "photo.state.rejected": "bị từ chối: {reason}",
    "photo_order.refused": (
        "Thứ tự ảnh phải nêu mỗi ảnh của bài đúng một lần (các ảnh của bài: {photos}); "
        "thứ tự gửi lên {problems}."
    ),
    "photo_order.wrong": "{label} {problems}",
    "photo_order.missing": "thiếu {names}",
    "photo_order.extra": "có {names}, không phải ảnh của bài này",
    "photo_order.repeated": "nêu {names} nhiều lần",
    # Why a photo is rejected, and what an editor should check about it.
    "photo.rejected.too_large": "Ảnh quá lớn: {size_mb} MB, tối đa {limit_mb} MB",
    "photo.rejected.empty": "Tệp ảnh trống, không có dữ liệu nào",
    "photo.rejected.svg": (
        "Không nhận hình vẽ SVG làm ảnh (tệp SVG có thể chứa mã chạy được); hãy tải lên ảnh "
        "JPEG, PNG, WebP hoặc HEIC"
    ),
    "photo.rejected.other_format": (
        "Tệp này là tệp {format}, không phải ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP "
        "hoặc HEIC)"
    ),
    "photo.rejected.not_a_photo": (
        "Tệp này không phải là ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)"
    ),
    "photo.rejected.truncated": "Tệp {format} không đầy đủ: bị mất phần cuối",
    "photo.rejected.damaged": "Tệp {format} bị hỏng (lỗi tại byte {at})",
    "photo.rejected.hidden_content": (
        "Tệp giấu nội dung trang web hoặc mã lệnh trong phần siêu dữ liệu (tệp vừa là ảnh "
        "vừa là một loại tệp khác)"
    ),
    "photo.rejected.data_after_image": (
        "Tệp có dữ liệu khác nằm sau phần cuối của ảnh (tệp vừa là ảnh vừa là một loại tệp khác)"
    ),
    "photo.rejected.heic_unsupported": (
        "Hệ thống này chưa nhận ảnh HEIC; hãy lưu ảnh sang JPEG rồi tải lên lại"
    ),
    "photo.rejected.too_many_pixels": (
        "Ảnh có quá nhiều điểm ảnh: {width}×{height} ({megapixels} megapixel), tối đa "
        "{limit_mp} megapixel"
    ),
    "photo.rejected.pixels_beyond": "Ảnh có quá nhiều điểm ảnh: hơn {limit_mp} megapixel",
    "photo.rejected.unreadable": "Tệp {format} bị hỏng: không đọc được phần đầu của tệp",
    "photo.rejected.undecodable": (
        "Tệp {format} không đầy đủ hoặc bị hỏng: không giải mã được ảnh"
    ),
    "photo.rejected.unprocessable": (
        "Không xử lý được ảnh ({error}); hãy lưu lại ảnh dưới dạng JPEG hoặc PNG rồi tải tệp đó lên"
    ),
    "photo.rejected.texts_too_large": (
        "Phần chữ nhúng trong tệp ảnh (chú thích, tác giả…) quá dài, không lưu lại được"
    ),
    "photo.warning.no_caption": (
        "Ảnh chưa có cả chú thích lẫn mô tả: bạn đọc dùng trình đọc màn hình sẽ không biết "
        "gì về ảnh"
    ),
    "photo.warning.caption_cut": (
        "Chú thích trong tệp ảnh dài {length:,} ký tự; chỉ giữ lại {limit:,} ký tự đầu: hãy "
        "kiểm tra lại"
    ),
    "photo.warning.alt_cut": (
        "Mô tả ảnh trong tệp dài {length:,} ký tự; chỉ giữ lại {limit:,} ký tự đầu: hãy kiểm "
        "tra lại"
    ),
    "photo.warning.credit_cut": (
        "Nguồn ảnh trong tệp dài {length:,} ký tự; chỉ giữ lại {limit:,} ký tự đầu: hãy kiểm "
        "tra lại"
    ),
    "photo_name.dots": "{label} không được chứa '..'",
    "photo_name.extension": "{label} phải có đuôi là một trong các đuôi {extensions}",
    "category.unknown": ("{label} '{slug}' không có trên trang; các chuyên mục hiện có: {choices}"),
    # Text as typed.
    "text.unwanted_character": (
        "{label} chứa ký tự {character} ({kind}), là ký tự không được phép: hãy xóa các ký "
        "tự điều khiển, ký tự độ rộng bằng không, ký tự ẩn và ký tự đảo chiều văn bản"
    ),
    "character_kind.control": "ký tự điều khiển",
    "character_kind.surrogate": "nửa cặp thay thế đứng riêng, không phải là ký tự",
    "character_kind.noncharacter": "mã không dùng làm ký tự",
    "character_kind.zero_width": "ký tự độ rộng bằng không",
    "character_kind.bidirectional": "ký tự điều khiển chiều văn bản",
    "character_kind.invisible": "ký tự ẩn",
    "text.active_element": "{label} chứa thẻ <{element}>, là thẻ không được phép",
    "text.active_event_handler": (
        "{label} chứa thuộc tính xử lý sự kiện HTML (on…=), là thuộc tính không được phép"
    ),
    "text.active_url": "{label} chứa địa chỉ dạng {scheme}, là loại địa chỉ không được phép",
    "text.active_css": (
        "{label} chứa biểu thức, binding hoặc lệnh import của CSS, là nội dung không được phép"
    ),
    "text.active_content": (
        "{label} chứa nội dung có thể tự chạy trong trình duyệt của bạn đọc, là nội dung "
        "không được phép"
    ),
    "text.blank": "{label} không được để trống",
    "text.nothing_visible": (
        "{label} phải có ít nhất một chữ cái hoặc chữ số: nếu chỉ có khoảng trắng, dấu câu, "
        "ký hiệu hay ký tự ẩn thì bạn đọc không thấy gì"
    ),
    "text.too_many_bytes": "{label} dài {size} byte; chỉ được tối đa {limit} byte",
    # Times.
    "time.no_zone": "{label} phải kèm múi giờ",
    "time.out_of_range": (
        "{label} nằm ngoài khoảng từ năm 1 đến năm 9999 khi đổi sang giờ UTC; hãy chọn thời "
        "điểm gần hơn"
    ),
    "time.not_written": (
        "{label} phải là thời điểm viết theo ISO 8601, kèm múi giờ, ví dụ 2026-12-01T07:00:00+07:00"
    ),
    # Validation of a body or a query, field by field.
    "validation.invalid_body": "Dữ liệu gửi lên không hợp lệ: {summary}.",
    "validation.invalid_query": "Tham số truy vấn không hợp lệ: {summary}.",
    "validation.summary_item": "{reason}",
    "validation.missing": "{label} là bắt buộc",
    "validation.extra_forbidden": "{label} không phải là trường của yêu cầu này",
    "validation.empty": "{label} không được để trống",
    "validation.too_many_characters": (
        "{label} chỉ được dài tối đa {limit} ký tự (hiện có {length} ký tự)"
    ),
    "validation.too_few_characters": (
        "{label} phải dài ít nhất {limit} ký tự (hiện có {length} ký tự)"
    ),
    "validation.too_many_items": "{label} chỉ được có tối đa {limit} mục (hiện có {count} mục)",
    "validation.too_few_items": "{label} phải có ít nhất {limit} mục",
    "validation.not_text": "{label} phải là văn bản",
    "validation.pattern": "{label} không đúng định dạng cho phép ({pattern})",
    "validation.not_integer": "{label} phải là số nguyên",
    "validation.not_boolean": "{label} phải là true hoặc false",
    "validation.one_of": "{label} phải là một trong các giá trị: {expected}",
    "validation.not_an_object": "{label} phải là một đối tượng JSON",
    "validation.not_a_list": "{label} phải là một danh sách",
    "validation.at_least": "{label} phải lớn hơn hoặc bằng {limit}",
    "validation.more_than": "{label} phải lớn hơn {limit}",
    "validation.at_most": "{label} phải nhỏ hơn hoặc bằng {limit}",
    "validation.less_than": "{label} phải nhỏ hơn {limit}",
    "validation.other": "{label} không hợp lệ",
    # Fields, as reasons name them.
    "field.body": "Nội dung",
    "field.title": "Tiêu đề",
    "field.summary": "Tóm tắt",
    "field.category": "Chuyên mục",
    "field.tags": "Thẻ",
    "field.author": "Tác giả",
    "field.source": "Nguồn tin",
    "field.name": "Tên tệp ảnh",
    "field.caption": "Chú thích ảnh",
    "field.alt": "Mô tả ảnh",
    "field.credit": "Nguồn ảnh",
    "field.content_type": "Loại tệp ảnh",
    "field.publish_at": "Thời điểm xuất bản",
    "field.force": "Trường force",
    "field.status": "Trạng thái",
    "field.tag": "Thẻ",
    "field.q": "Từ khóa tìm kiếm",
    "field.mine": "Bộ lọc “bài của tôi” (mine)",
    "field.limit": "Số bài mỗi trang",
    "field.cursor": "Con trỏ trang",
    "field.note": "Ghi chú",
    "field.order": "Thứ tự ảnh",
    "field.unknown": "Trường “{name}”",
    "field.item": "{label} thứ {number}",
}
