"""What the `newsroom` command says, in Vietnamese: the default language of the newsroom.

Each id, with the same named parameters, is in every other catalogue (`en.py`)."""

MESSAGES: dict[str, str] = {
    # -- số, và những từ dùng trong các thông báo khác --------------------------------
    "number.decimal_comma": "yes",
    "status.draft": "nháp",
    "status.in_review": "chờ duyệt",
    "status.scheduled": "hẹn giờ",
    "status.published": "đã xuất bản",
    "status.unpublished": "đã gỡ",
    "field.title": "tiêu đề",
    "field.summary": "tóm tắt",
    "field.body": "nội dung",
    "field.category": "chuyên mục",
    "field.tags": "thẻ",
    "field.author": "tác giả",
    "field.source": "nguồn tin",
    # -- vì sao một thao tác với tệp hay mạng không được ----------------------------
    "cause.not_found": "không có tệp hay thư mục này",
    "cause.is_a_directory": "đây là một thư mục, không phải một tệp",
    "cause.not_a_directory": "một phần của đường dẫn không phải là thư mục",
    "cause.permission": "không có quyền",
    "cause.disk_full": "ổ đĩa đã đầy",
    "cause.not_utf8": "không phải văn bản UTF-8 (byte 0x{byte} ở vị trí {position})",
    "cause.refused": "kết nối bị từ chối: không có gì đang chờ ở địa chỉ đó",
    "cause.no_such_host": "không tìm thấy máy chủ có tên này",
    "cause.timed_out": "quá thời gian chờ",
    "cause.dropped": "kết nối bị ngắt giữa chừng",
    # -- bài đang ở đâu ------------------------------------------------------------------
    "line.published": "đã xuất bản  {url}",
    "line.scheduled": "hẹn xuất bản lúc {when}  {url}",
    "line.not_on_site": "{status}  (chưa có trên trang; địa chỉ của bài: {url})",
    # -- dòng lệnh -----------------------------------------------------------------------
    "usage.prefix": "cách dùng:",
    "usage.positionals": "tham số",
    "usage.options": "tùy chọn",
    "usage.commands": "lệnh",
    "usage.help": "xem hướng dẫn này rồi thoát",
    "usage.lang": "ngôn ngữ của thông báo: vi (mặc định) hoặc en; cũng có thể đặt $NEWSROOM_LANG",
    "usage.mistake": "{prog}: {mistake} (xem `{prog} --help`)",
    "usage.required": "còn thiếu: {names}",
    "usage.unrecognized": "lệnh này không có tham số: {arguments}",
    "usage.invalid_choice": "{name} không nhận giá trị {value}: hãy chọn một trong {choices}",
    "usage.expected_value": "{name} cần một giá trị",
    "usage.invalid_value": "{name}: giá trị {value} không hợp lệ",
    "usage.not_together": "không dùng {name} cùng với {other}",
    "confirm.choices": "[c/K]",
    "confirm.add_yes": "Thêm --yes để làm tiếp mà không cần hỏi.",
    "confirm.not_done": "chưa làm gì",
    "time.not_a_time": (
        "--at {text!r} không phải là thời điểm: hãy viết như 2026-11-28T08:00 (có thể thêm +07:00)"
    ),
    # -- API -----------------------------------------------------------------------------
    "api.no_token": (
        "chưa có mã đăng nhập (token): dùng --token hoặc đặt NEWSROOM_TOKEN (hoặc chạy "
        "hệ thống cục bộ bằng `newsroom dev`)"
    ),
    "api.local_not_answering": "hệ thống cục bộ ở {api} không trả lời: {error}",
    "api.unreachable": "không kết nối được API ở {api}: {error}",
    "api.more_errors": " (và {count} lỗi nữa)",
    "api.unauthorized": (
        "401: API không nhận mã đăng nhập (token) của bạn; mỗi mã chỉ dùng được một giờ. {advice}"
    ),
    "api.sign_in_local": (
        "Đăng nhập lại: export NEWSROOM_TOKEN=$(newsroom token --role editor) "
        "(hoặc --role reporter, admin), hoặc bỏ NEWSROOM_TOKEN để dùng mã của hệ thống cục bộ."
    ),
    "api.sign_in_aws": (
        "Đăng nhập lại vào user pool của newsroom rồi đặt NEWSROOM_TOKEN là access token "
        "nhận được: export NEWSROOM_TOKEN=$(aws cognito-idp initiate-auth --auth-flow "
        "USER_PASSWORD_AUTH --client-id <UserPoolClientId của stack> --auth-parameters "
        "USERNAME=<tên>,PASSWORD=<mật khẩu> --query AuthenticationResult.AccessToken "
        "--output text)"
    ),
    "token.no_stack": (
        "không có hệ thống cục bộ nào đang chạy trên {data_dir} (chạy `newsroom dev` trước)"
    ),
    # -- dev: hệ thống cục bộ --------------------------------------------------------------
    "dev.ready": (
        "\nHệ thống cục bộ của newsroom đã sẵn sàng sau {seconds} giây\n"
        "  API           {api}\n"
        "  Trang tin     {site}\n"
        "  moto          {cloud}  (AWS_ENDPOINT_URL cho boto3 và AWS CLI)\n"
        "  Dữ liệu       {data_dir}\n"
        "  Mã đăng nhập  newsroom token --role editor{data_dir_flag}  (hoặc reporter, admin)\n"
        "  Bấm Ctrl-C để dừng; trạng thái vẫn được giữ trong thư mục dữ liệu.\n"
    ),
    "dev.desk": "Bàn biên tập:  {url}",
    "dev.password": "mật khẩu {password}",
    "dev.demo_page": "Bài demo:      {url}",
    "dev.demo_failed": "không tạo được bài demo: {error}",
    "dev.stopping": "\nĐang dừng: API và trang tin, các hàm, rồi moto (lưu lại trạng thái)...",
    "dev.stopped": "Đã dừng. Trạng thái đã được lưu trong {data_dir}",
    # -- build, rebuild ---------------------------------------------------------------------
    "build.no_table": "chưa có bảng bài viết: dùng --table TÊN hoặc đặt ARTICLES_TABLE",
    "build.not_a_folder": "{out} đã có và không phải là thư mục",
    "build.bad_config": "không đọc được cấu hình của trang tin: {error}",
    "build.table_unreadable": "không đọc được bảng {table!r}: {error}",
    "build.export_unreadable": "không đọc được bản xuất {export}: {error}",
    "build.done": (
        "đã dựng {files} tệp ({articles} bài) vào {out} trong {seconds} giây (đọc bảng mất "
        "{reading} giây)"
    ),
    "rebuild.no_queue": "chưa có hàng đợi render: dùng --queue-url URL hoặc đặt RENDER_QUEUE_URL",
    "rebuild.bad_chunk": "--chunk phải từ 1 đến 100",
    "rebuild.aws_unreachable": "không kết nối được AWS: {error}",
    "rebuild.sent": "đã gửi {count} thông điệp render vào hàng đợi render",
    # -- redrive ------------------------------------------------------------------------------
    "redrive.no_local_stack": (
        "không có hệ thống cục bộ nào đang chạy (chạy `newsroom dev`), hoặc dùng --stack TÊN "
        "cho stack trên AWS"
    ),
    "redrive.stack_unreadable": "không đọc được stack {stack!r}: {error}",
    "redrive.no_queue": "không có hàng đợi {queue!r}: hãy dùng images, render hoặc publish",
    "redrive.sqs_unreachable": "không kết nối được SQS: {error}",
    "redrive.moved": "{queue}: đã chuyển {count} thông điệp từ hàng đợi thư chết về lại hàng đợi",
    "redrive.total": "tổng cộng đã chuyển {count} thông điệp",
    "redrive.article": "bài {article_id}{version}",
    "redrive.rebuild": "dựng lại {rebuild_id}, phần {part}",
    "redrive.message": "thông điệp",
    "redrive.unreadable": "thông điệp không đọc được",
    # -- tệp bài viết --------------------------------------------------------------------
    "file.unreadable": "không đọc được {file}: {error}",
    "file.where_line": "{file}, dòng {line}",
    # Khóa trong tệp rồi lý do của API.
    "file.refused_field": "{field}: {reason}",
    "file.no_front_matter": (
        "{file} không có phần đầu (front matter): dòng đầu tiên của tệp phải là `---`, "
        "tiếp theo là các dòng `khóa: giá trị` (title, summary, ...) và một dòng `---` nữa"
    ),
    "file.no_closing_fence": (
        "{file}: phần đầu mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại: thêm "
        "một dòng `---` sau dòng `khóa: giá trị` cuối cùng, trước nội dung bài"
    ),
    "file.no_closing_fence_at": (
        "{file}: phần đầu mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại: thêm "
        "một dòng `---` trước dòng {line} (chỗ nội dung bài có vẻ bắt đầu)"
    ),
    "file.not_key_value": "{file}: phần đầu phải là các dòng `khóa: giá trị`",
    "file.unknown_key_near": "`{key}`: có phải ý bạn là `{near}`?",
    "file.unknown_key": "`{key}` không phải là trường của bài viết (các trường: {known})",
    "file.in_photo": "ảnh {number}: {mistake}",
    "file.not_text": "`{key}` phải là chữ trên một dòng, không phải danh sách hay nhóm khóa",
    "file.bad_version": (
        "`version: {value}` không phải số phiên bản (lệnh tự ghi trường này; "
        "`newsroom pull` sẽ ghi lại số đúng)"
    ),
    "file.bad_tags": "`tags` phải là danh sách từ: [giao thông, hạ tầng]",
    "file.photos_not_list": (
        "`photos:` phải là danh sách, mỗi mục `- file: ...` kèm `caption:` của ảnh"
    ),
    "file.photo_needs_file": "ảnh {number} cần ít nhất `file:` (và một `caption:`)",
    "file.photo_missing": "ảnh {number}: không có tệp {path}",
    "file.photo_name": (
        "tên tệp ảnh chỉ được có chữ không dấu, chữ số, `.`, `_` và `-`, và kết thúc "
        "bằng {extensions}: hãy đổi tên {name}"
    ),
    "file.photo_twice": "có hai ảnh cùng tên {name} (ảnh đầu là {first}): hãy đổi tên một ảnh",
    "file.image_not_listed": (
        "nội dung bài có ảnh `{source}` nhưng `photos:` không liệt kê ảnh này, nên trang "
        "sẽ bỏ nó đi: thêm vào `photos:` (`- file: {source}` kèm `caption:`)"
    ),
    "file.no_id": (
        "{file} không có `id:`: tệp chưa là bài nào (hãy publish nó), hoặc kéo một bài về "
        "tệp này theo id: `newsroom pull ID --out {file}`"
    ),
    "file.sync_state_not_written": (
        "không cập nhật được {file} ({error}): hãy tự thêm `id: {id}` và "
        "`version: {version}` vào phần đầu"
    ),
    "yaml.twice": "`{key}` được viết hai lần (dòng {first} và {second}): chỉ giữ một",
    "yaml.problem.colon": "giá trị có chứa `: ` nên YAML hiểu thành một khóa khác",
    "yaml.problem.no_colon": "có dòng không theo dạng `khóa: giá trị`",
    "yaml.problem.tab": "thụt đầu dòng bằng phím tab",
    "yaml.quote_the_value": (
        "{file}, dòng {line}: không đọc được phần đầu: {problem}. Hãy đặt giá trị trong "
        "ngoặc kép:\n    {fixed}"
    ),
    "yaml.use_spaces": (
        "{file}, dòng {line}: không đọc được phần đầu: dòng được thụt vào bằng tab; hãy "
        "thụt bằng dấu cách"
    ),
    "yaml.unreadable": "{file}, dòng {line}: không đọc được phần đầu: {problem}\n    {written}",
    # -- ảnh -----------------------------------------------------------------------------
    "photo.too_large": "ảnh {name}: tệp nặng {size} MB; chỉ nhận tối đa {limit} MB",
    "photo.not_a_photo": (
        "ảnh {name}: theo nội dung, tệp không phải ảnh JPEG, PNG, WebP hay HEIC (dù tên tệp nói gì)"
    ),
    "photo.svg": (
        "ảnh {name}: tệp là hình vẽ SVG, không được nhận làm ảnh (nó có thể chứa mã chạy)"
    ),
    "photo.refused": "ảnh {name}: {reason}",
    "photo.unreadable": "ảnh {name}: không đọc được: {error}",
    "photo.upload_failed": "tải {name} lên không được: {error}",
    "photo.upload_refused": "tải {name} lên bị từ chối ({status}): {reason}",
    "photo.uploaded": "đã tải lên {size}",
    "photo.ready": "sẵn sàng  {caption}",
    "photo.no_caption": "(chưa có chú thích: thêm `caption:` cho ảnh)",
    "photo.caption_from_file": "(chú thích lấy từ tệp ảnh)",
    "photo.rejected": "bị từ chối: {reason}",
    "photo.still_processing": "vẫn đang xử lý",
    "photo.reworded": "đã cập nhật chú thích, mô tả hoặc nguồn ảnh",
    "photo.removed": "đã gỡ khỏi bài",
    "photo.ordered": "đã xếp ảnh theo thứ tự trong tệp: {names}",
    "photo.wait_timed_out": (
        "sau {seconds} giây vẫn còn ảnh đang được xử lý: `newsroom articles show ID` "
        "cho biết kết quả"
    ),
    # -- publish -------------------------------------------------------------------------
    "publish.created": "đã tạo bài {id}",
    "publish.nothing_changed": "không có gì thay đổi so với phiên bản {version}: không gửi gì",
    "publish.twin_question": (
        "Newsroom đã có một bài cùng tiêu đề và nội dung: {id} ({status}, {url}). "
        "Vẫn tạo thêm một bài nữa?"
    ),
    "publish.twin_refused": (
        "newsroom đã có một bài cùng tiêu đề và nội dung: {id}. Để làm tiếp bài đó, kéo "
        "nó về tệp này: `newsroom pull {id} --out {file} --yes`."
    ),
    "publish.remove_question": "Bài đang ở trạng thái {status}: gỡ {names} khỏi bài và khỏi trang?",
    "publish.remove_refused": (
        "bài đang có trên trang, và tệp không còn liệt kê {names}: gỡ ảnh sẽ thay đổi trang."
    ),
    "publish.at_in_the_past": (
        "--at {at} ({when}) đã qua: để xuất bản ngay, dùng --now; để hẹn giờ, hãy cho "
        "một thời điểm sắp tới"
    ),
    "publish.force_alone": "--force chỉ dùng khi xuất bản: thêm --now hoặc --at THỜI_ĐIỂM",
    "publish.photos_not_ready": "chưa xuất bản: các ảnh sau chưa sẵn sàng:",
    "publish.use_force": (
        "Hãy thay hoặc bỏ các ảnh đó trong tệp rồi xuất bản lại, hoặc thêm --force để "
        "xuất bản không có chúng."
    ),
    # -- giữ tệp khớp với máy chủ --------------------------------------------------------
    "sync.out_of_date": (
        "{file} đã cũ: tệp khớp lần cuối với phiên bản {version}, còn bài trên máy chủ đã "
        "ở phiên bản {current} (lưu lần cuối bởi {by}). Chưa lưu gì."
    ),
    "sync.changed_on_server": "Những gì đã đổi trên máy chủ từ phiên bản {version} đến {current}:",
    "sync.no_such_version": "Bài không có phiên bản {version}; tệp khác bản trên máy chủ ở:",
    "sync.no_version": (
        "{file} không ghi nó được làm từ phiên bản nào của bài (`version:`), và bản trên "
        "máy chủ (phiên bản {current}) khác với tệp:"
    ),
    "sync.how_to_merge": (
        "Để gộp: giữ một bản sao của {file}, chạy `newsroom pull {file} --yes` để ghi bản "
        "trên máy chủ vào tệp, áp dụng lại thay đổi của bạn, rồi xuất bản lại."
    ),
    # -- pull ----------------------------------------------------------------------------
    "pull.other_article": "{file} thuộc về một bài khác ({id}): chọn tệp khác bằng --out",
    "pull.unreadable_file": "tệp hiện có (không đọc được thành bài viết)",
    "pull.overwrite_question": (
        "{file} có thay đổi mà máy chủ chưa có ({changes}). Ghi đè lên các thay đổi đó?"
    ),
    "pull.overwrite_refused": (
        "{file} có thay đổi mà máy chủ chưa có ({changes}); kéo về sẽ ghi đè lên chúng."
    ),
    "pull.downloaded": "đã tải về",
    "pull.no_download": "chưa tải về được: máy chủ không cung cấp bản sao ({status})",
    "pull.download_refused": "tải {name} về bị từ chối ({status})",
    "pull.download_failed": "tải {name} về không được: {error}",
    "pull.not_written": "không ghi được {file}: {error}",
    "pull.written": "đã ghi {file}: phiên bản {version}, {photos} ảnh, {fetched} ảnh tải về",
    # -- articles ------------------------------------------------------------------------
    "articles.none": "không có bài nào",
    "articles.more": "(còn nữa: --cursor {cursor})",
    "articles.delete_question": "Xóa bài {id} cùng ảnh và các phiên bản của nó?",
    "articles.delete_refused": "xóa rồi thì không lấy lại được.",
    "articles.deleted": "đã xóa {id}",
    "show.id": "id",
    "show.status": "trạng thái",
    "show.category": "chuyên mục",
    "show.tags": "thẻ: {tags}",
    "show.author": "tác giả",
    "show.source": "nguồn tin: {source}",
    "show.version": "phiên bản",
    "show.saved": "{version}, lưu lúc {when} bởi {by}",
    "show.photo": "ảnh",
    # -- revisions và diff ---------------------------------------------------------------
    "revisions.heading": "   #  người lưu        lúc               trạng thái     thay đổi",
    "revisions.created": "tạo bài",
    "revisions.status_change": "trạng thái: {before} → {after}",
    "revisions.nothing_in_text": "chữ không đổi (một ảnh, hoặc lưu lại)",
    "diff.version": "phiên bản {number} ({by}, {when})",
    "diff.current_version": "phiên bản {number}, hiện tại ({by}, {when})",
    "diff.heading": "Từ {before} đến {after}:",
    "diff.status": "trạng thái: {before} → {after}",
    "diff.no_text_change": "tiêu đề, tóm tắt, nội dung và các trường khác không đổi",
    "diff.legend": "([-bỏ đi-] {{+thêm vào+}})",
    "diff.bad_number": "số phiên bản bắt đầu từ 1",
    # -- users (người dùng của bàn biên tập) ----------------------------------------------
    "users.invalid_email": (
        "{email!r} không phải là địa chỉ e-mail: hãy viết như ten.ho@example.gov.vn"
    ),
    "users.exists": (
        "{email} đã có tài khoản; muốn đổi vai trò thì dùng "
        "`newsroom users set-role {email} --role ...`"
    ),
    "users.no_such_user": "không có người dùng {email} (xem danh sách: `newsroom users list`)",
    "users.no_local_stack": (
        "không có hệ thống cục bộ nào đang chạy (chạy `newsroom dev` trước), hoặc dùng "
        "--stack TÊN để làm việc với user pool trên AWS"
    ),
    "users.unreachable": "không kết nối được user pool: {error}",
    "users.no_credentials": (
        "chưa có thông tin đăng nhập AWS (credentials): chạy `aws configure` hoặc "
        "`aws sso login`, hoặc đặt AWS_PROFILE"
    ),
    "users.no_region": (
        "chưa rõ stack ở vùng AWS nào: thêm --region (ví dụ --region ap-southeast-1) "
        "hoặc đặt AWS_REGION"
    ),
    "users.no_stack": (
        "không có stack {stack} ở vùng {region} (xem tên các stack: "
        "`aws cloudformation list-stacks`)"
    ),
    "users.no_pool_output": (
        "stack {stack} không có output {output}: hãy triển khai lại bằng template hiện tại "
        "(`sam deploy`)"
    ),
    "users.aws_refused": "AWS từ chối: {error}",
    "users.pool_refused": "user pool từ chối: {error}",
    "users.added_emailed": (
        "đã thêm {email} với vai trò {role}; Cognito đã gửi mật khẩu tạm thời tới địa chỉ "
        "này (từ no-reply@verificationemail.com, có thể nằm trong thư rác)"
    ),
    "users.added_local": (
        "đã thêm {email} với vai trò {role}; mật khẩu tạm thời: {password} "
        "(hệ thống cục bộ không gửi e-mail)"
    ),
    "users.first_sign_in": (
        "Lần đăng nhập đầu tiên sẽ yêu cầu đặt mật khẩu mới (ít nhất 12 ký tự, có chữ hoa, "
        "chữ thường và chữ số); trên AWS, mật khẩu tạm thời chỉ dùng được trong 7 ngày."
    ),
    "users.none": "user pool chưa có người dùng nào",
    "users.column_email": "e-mail",
    "users.column_role": "vai trò",
    "users.column_status": "trạng thái",
    "users.column_enabled": "tài khoản",
    "users.column_created": "tạo lúc",
    "users.status_confirmed": "đã đặt mật khẩu",
    "users.status_force_change_password": "chờ đăng nhập lần đầu",
    "users.status_reset_required": "phải đặt lại mật khẩu",
    "users.status_unconfirmed": "chưa xác nhận",
    "users.enabled": "đang dùng",
    "users.disabled": "đã khóa",
    "users.disabled_done": (
        "đã khóa {email}: không đăng nhập và không làm mới mã được nữa; mã đã cấp vẫn được "
        "API nhận cho đến khi hết hạn (tối đa 1 giờ)"
    ),
    "users.enabled_done": "đã mở khóa {email}: có thể đăng nhập lại",
    "users.role_set": "{email}: vai trò {role} (trước đó: {before})",
    "users.role_unchanged": "{email} đã có vai trò {role}; không đổi gì",
    "users.role_from_next_token": (
        "Vai trò mới có hiệu lực từ lần đăng nhập hoặc làm mới mã tiếp theo (tối đa 1 giờ)."
    ),
    # -- hướng dẫn -----------------------------------------------------------------------
    "help.newsroom": (
        "Xuất bản tin tức không máy chủ: hệ thống cục bộ và công cụ của biên tập viên."
    ),
    "help.api": "địa chỉ API (mặc định $NEWSROOM_API, không có thì dùng hệ thống cục bộ)",
    "help.token": "mã đăng nhập (mặc định $NEWSROOM_TOKEN, không có thì lấy từ hệ thống cục bộ)",
    "help.data_dir": "thư mục dữ liệu của hệ thống cục bộ (mặc định .newsroom trong dự án)",
    "help.plan_metavar": "KẾ_HOẠCH",
    "help.dev": "chạy hệ thống cục bộ (moto, API, các worker, trang tin) cho đến khi bấm Ctrl-C",
    "help.dev_description": (
        "Khởi động hệ thống cục bộ: moto giữ các tài nguyên của template, API, một worker "
        "cho mỗi hàng đợi và trang tin; trạng thái được giữ trong thư mục dữ liệu."
    ),
    "help.dev_api_port": "cổng của API (mặc định {default})",
    "help.dev_site_port": "cổng của trang tin (mặc định {default})",
    "help.dev_cloud_port": "cổng máy chủ moto, dùng nội bộ (mặc định {default})",
    "help.dev_data_dir": "nơi giữ trạng thái (mặc định {default})",
    "help.dev_no_demo": "không tạo bài demo ở lần khởi động đầu tiên",
    "help.dev_verbose": "ghi cả từng yêu cầu tới trang tin vào nhật ký",
    "help.dev_batching_window_cap": (
        "chỉ dùng khi đo đạc: chờ gom một lô tối đa chừng này giây, bất kể "
        "MaximumBatchingWindowInSeconds của template (Lambda chờ trọn khoảng đó)"
    ),
    "help.dev_workers": (
        "số tiến trình cho mỗi hàm, mỗi tiến trình tự lấy thông điệp từ hàng đợi của nó "
        "(như Lambda chạy nhiều bản; mặc định 1)"
    ),
    "help.dev_faults": (
        "cho kiểm thử độ tin cậy: làm hỏng một phần các lệnh gọi AWS, ví dụ 'seed=7,rate=0.05' "
        "(đặt NEWSROOM_FAULTS; xem infra/newsroom_local/faults.py)"
    ),
    "help.build": "dựng toàn bộ trang tin từ cơ sở dữ liệu vào một thư mục",
    "help.build_description": (
        "Dựng mọi trang, danh sách, feed, sitemap và tệp tìm kiếm của trang tin từ bảng bài "
        "viết (trên AWS, hoặc hệ thống cục bộ qua AWS_ENDPOINT_URL) vào một thư mục, sắp "
        "xếp như trong bucket của trang tin."
    ),
    "help.build_out": "thư mục sẽ ghi trang tin vào",
    "help.build_snapshot": "đọc bảng từ một bản xuất (DynamoDB JSON lines) thay vì quét bảng",
    "help.build_workers": "số tiến trình dựng trang bài (mặc định: số CPU)",
    "help.table": (
        "bảng bài viết (mặc định $ARTICLES_TABLE, không có thì dùng bảng của hệ thống cục bộ "
        "đang chạy)"
    ),
    "help.base_url": (
        "địa chỉ của trang tin trong các liên kết (mặc định $SITE_BASE_URL, không có thì "
        "dùng base_url của site.toml)"
    ),
    "help.site_config": "tệp site.toml sẽ dùng (mặc định $SITE_CONFIG, không có thì tệp có sẵn)",
    "help.rebuild": "dựng lại toàn bộ trang tin qua hàng đợi render (sau khi đổi template)",
    "help.rebuild_description": (
        "Gửi vào hàng đợi render một thông điệp cho mỗi nhóm bài và danh sách, để hàm render "
        "dựng lại trang tin song song."
    ),
    "help.rebuild_queue_url": (
        "hàng đợi render (mặc định $RENDER_QUEUE_URL, không có thì dùng hàng đợi của hệ "
        "thống cục bộ đang chạy)"
    ),
    "help.rebuild_chunk": "số mục trong mỗi thông điệp (1-100)",
    "help.redrive": "chuyển thông điệp từ các hàng đợi thư chết về lại hàng đợi của chúng",
    "help.redrive_description": (
        "Chuyển mọi thông điệp của một hàng đợi thư chết (dead-letter queue) về lại hàng "
        "đợi gốc (sau khi đã sửa nguyên nhân khiến chúng lỗi) và báo những gì đã chuyển."
    ),
    "help.redrive_queue": (
        "chỉ hàng đợi này: images, render hoặc publish (mặc định: mọi hàng đợi)"
    ),
    "help.redrive_stack": (
        "stack CloudFormation trên AWS (mặc định $NEWSROOM_STACK, không có thì dùng hệ "
        "thống cục bộ)"
    ),
    "help.token_role": "vai trò của mã đăng nhập: reporter, editor hoặc admin",
    "help.publish": "tạo hoặc cập nhật bài từ một tệp Markdown, kèm ảnh",
    "help.publish_description": (
        "Tạo hoặc cập nhật một bài từ tệp Markdown có phần đầu YAML, kèm ảnh; tệp giữ id "
        "của bài và phiên bản mà nó đang khớp."
    ),
    "help.now": "xuất bản ngay",
    "help.now_also": "xuất bản ngay; cần khi --at là thời điểm đã qua",
    "help.at": "xuất bản vào lúc này (ISO 8601; không ghi múi giờ thì là +07:00 của tòa soạn)",
    "help.time_metavar": "THỜI_ĐIỂM",
    "help.force": "xuất bản dù có ảnh chưa sẵn sàng (trang sẽ không có các ảnh đó)",
    "help.publish_yes": (
        "không hỏi: gỡ ảnh khỏi bài đang xuất bản, tạo bài trông giống một bài đã có"
    ),
    "help.seconds_metavar": "GIÂY",
    "help.wait": "chờ xử lý ảnh vừa tải lên tối đa bao lâu (mặc định {seconds})",
    "help.pull": "ghi bản trên máy chủ của một bài vào tệp Markdown của nó",
    "help.pull_description": (
        "Ghi bài như máy chủ đang có vào tệp Markdown (phần đầu, nội dung, chú thích "
        "ảnh), tải về những ảnh máy này chưa có."
    ),
    "help.pull_article": "id của bài, hoặc tệp Markdown của bài",
    "help.pull_out": "tệp sẽ ghi (mặc định: tệp đã nêu, hoặc SLUG.md)",
    "help.pull_yes": "ghi đè cả những thay đổi mà tệp có còn máy chủ chưa có",
    "help.articles": "liệt kê, xem, gửi duyệt, xuất bản, gỡ hoặc xóa bài",
    "help.articles_description": "Làm việc với các bài viết qua API biên tập.",
    "help.articles_list": "các bài, bài mới sửa trước",
    "help.articles_q": "từ cần tìm (có dấu hay không đều được)",
    "help.articles_cursor": "trang tiếp theo, như trang trước đã ghi",
    "help.articles_show": "các trường, trạng thái và ảnh của một bài",
    "help.articles_submit": "gửi bản nháp đi duyệt",
    "help.articles_publish": "xuất bản ngay, hoặc hẹn giờ với --at",
    "help.articles_unpublish": "gỡ bài khỏi trang",
    "help.articles_delete": "xóa một bài chưa xuất bản",
    "help.article_id": "id của bài",
    "help.article_or_file": "id của bài, hoặc tệp Markdown của bài",
    "help.delete_yes": "không hỏi lại",
    "help.revisions": "các phiên bản đã lưu của bài: ai lưu, lúc nào, trạng thái, đổi gì",
    "help.revisions_description": (
        "Liệt kê mọi phiên bản đã lưu của một bài: số, người lưu, lúc lưu, trạng thái, "
        "và những trường đã đổi."
    ),
    "help.diff": "những gì đã đổi giữa hai phiên bản của bài, theo từng từ",
    "help.diff_description": (
        "Cho thấy tiêu đề, tóm tắt và nội dung đã đổi thế nào giữa hai phiên bản, hoặc "
        "giữa một phiên bản và bản hiện tại, theo từng từ."
    ),
    "help.diff_rev": "số phiên bản",
    "help.diff_other": "số phiên bản thứ hai (mặc định: bản hiện tại)",
    "help.token_command": "in mã đăng nhập cho hệ thống cục bộ đang chạy",
    "help.token_description": (
        "In access token của user pool cục bộ cho một vai trò; dùng nó làm "
        "`Authorization: Bearer <token>` với API cục bộ. Mã có hiệu lực một giờ."
    ),
    "help.token_data_dir": "thư mục dữ liệu của hệ thống đang chạy (mặc định {default})",
    "help.users": "thêm, liệt kê, khóa, mở khóa người dùng của bàn biên tập, đổi vai trò",
    "help.users_description": (
        "Người dùng đăng nhập vào bàn biên tập (desk) và vai trò của họ (reporter, editor, "
        "admin), trong user pool của stack trên AWS (--stack) hoặc của hệ thống cục bộ."
    ),
    "help.users_add": (
        "thêm người dùng với một vai trò (trên AWS, Cognito gửi mật khẩu tạm thời qua e-mail)"
    ),
    "help.users_list": "mọi người dùng: e-mail, vai trò, trạng thái, khóa hay không, ngày tạo",
    "help.users_disable": "khóa tài khoản: không đăng nhập được nữa",
    "help.users_enable": "mở khóa tài khoản",
    "help.users_set_role": "đổi vai trò (mỗi người dùng có đúng một vai trò)",
    "help.users_email": "địa chỉ e-mail, cũng là tên đăng nhập",
    "help.users_role": "reporter (phóng viên), editor (biên tập viên) hoặc admin (quản trị)",
    "help.users_stack": (
        "stack CloudFormation trên AWS (mặc định $NEWSROOM_STACK; không có thì dùng hệ thống "
        "cục bộ)"
    ),
    "help.users_stack_metavar": "TÊN",
    "help.users_region": "vùng AWS của stack (mặc định: vùng của profile AWS)",
}
