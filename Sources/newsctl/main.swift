print("newsctl")
